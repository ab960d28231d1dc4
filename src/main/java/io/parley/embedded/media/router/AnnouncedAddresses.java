package io.parley.embedded.media.router;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The addresses the router announces when none are configured: this machine's own IPv4 addresses. */
final class AnnouncedAddresses {

    private AnnouncedAddresses() {
    }

    static List<String> ofThisMachine() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        found.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback: the router still works for browsers on this machine
        }
        return found.isEmpty() ? List.of("127.0.0.1") : found;
    }
}
