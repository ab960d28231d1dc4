package io.parley.embedded.media.sdp;

import io.parley.embedded.media.ice.IceCredentials;

import java.util.List;

/**
 * The router's side of one peer connection as SDP shows it: its ICE credentials for this connection, the fingerprint
 * of its DTLS certificate, and the addresses it announces on its single media UDP port (one host candidate each) and,
 * when {@code tcpPort} is not 0, on its ICE-TCP port (one passive TCP candidate each, RFC 6544).
 */
public record RouterEndpoint(IceCredentials ice, Fingerprint fingerprint, List<String> addresses, int port,
                             int tcpPort) {

    /** UDP only. */
    public RouterEndpoint(IceCredentials ice, Fingerprint fingerprint, List<String> addresses, int port) {
        this(ice, fingerprint, addresses, port, 0);
    }

    public RouterEndpoint {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the router needs at least one address to announce");
        }
        for (String address : addresses) {
            if (!isIpLiteral(address)) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 literal");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("media port " + port + " out of range");
        }
        if (tcpPort < 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("media TCP port " + tcpPort + " out of range");
        }
        if (!fingerprint.hashFunction().equals(Fingerprint.SHA_256)) {
            throw new IllegalArgumentException("the router announces a sha-256 fingerprint");
        }
    }

    /** Literals only: a host name in a candidate would make the browser resolve it, or drop it. */
    static boolean isIpLiteral(String address) {
        if (address.matches("(\\d{1,3})(\\.\\d{1,3}){3}")) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        return address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    }

    static String addrType(String address) {
        return address.contains(":") ? "IP6" : "IP4";
    }
}
