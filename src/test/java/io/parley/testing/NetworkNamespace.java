package io.parley.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, joined to this machine's by a veth pair whose two ends get addresses the
 * test chooses from 198.18.0.0/15 (RFC 2544, reserved for benchmarks): a browser started inside it reaches Parley
 * only over that pair, whose packets {@code tc} and policy routing can shape or block. Nothing is routed beyond the
 * pair, and {@link #close} removes both ends.
 *
 * <p>Needs root (CI runs as root). This kernel's {@code tc} has tbf but no netem, so rates can be shaped and
 * protocols blocked, but delay and random loss cannot.
 */
public final class NetworkNamespace implements AutoCloseable {

    private final String name;
    private final String hostAddress;
    private final String namespaceAddress;

    private NetworkNamespace(String name, String hostAddress, String namespaceAddress) {
        this.name = name;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /** Whether this machine lets the test make namespaces: root and the {@code ip} tool. */
    public static boolean available() {
        try {
            return "0".equals(output("id", "-u").strip()) && run(List.of("ip", "netns", "list")) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes namespace {@code name} with {@code namespaceAddress}/30 inside and {@code hostAddress}/30 on this
     * machine's end ({@code name}-h); a leftover of a killed run with the same name is removed first.
     */
    public static NetworkNamespace create(String name, String hostAddress, String namespaceAddress) throws IOException {
        if (name.length() > 12) {
            throw new IllegalArgumentException("interface names derived from '" + name + "' would be too long");
        }
        NetworkNamespace ns = new NetworkNamespace(name, hostAddress, namespaceAddress);
        ns.close();
        ip("netns", "add", name);
        try {
            ip("link", "add", ns.hostEnd(), "type", "veth", "peer", "name", name + "-n");
            ip("link", "set", name + "-n", "netns", name);
            ip("addr", "add", hostAddress + "/30", "dev", ns.hostEnd());
            ip("link", "set", ns.hostEnd(), "up");
            ip("-n", name, "addr", "add", namespaceAddress + "/30", "dev", name + "-n");
            ip("-n", name, "link", "set", name + "-n", "up");
            ip("-n", name, "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** This machine's address on the pair: where a server for the namespace listens. */
    public String hostAddress() {
        return hostAddress;
    }

    public String namespaceAddress() {
        return namespaceAddress;
    }

    /**
     * Packets from the namespace to {@code address}, an address of this machine's on another pair, go through this
     * one (only that address: nothing is routed beyond). A browser of the test's that is to have no shaping still
     * runs in a namespace of its own: on this machine's own network it would offer, and use, this machine's other
     * addresses.
     */
    public void routeTo(String address) throws IOException {
        ip("-n", name, "route", "add", address + "/32", "via", hostAddress);
    }

    /**
     * No UDP leaves the namespace: a routing rule sends every UDP packet to a blackhole (the kernel refuses the send),
     * as a firewall that lets only TCP through would. TCP is untouched.
     */
    public void blockUdp() throws IOException {
        ip("-n", name, "rule", "add", "ipproto", "udp", "lookup", "100", "pref", "100");
        ip("-n", name, "route", "add", "blackhole", "default", "table", "100");
    }

    /** Limits what reaches the namespace (its downlink) to {@code kbitPerSecond}, with a token bucket. */
    public void shapeDownlink(int kbitPerSecond) throws IOException {
        shapeDownlink(name, kbitPerSecond);
    }

    /**
     * Limits what reaches namespace {@code name} to {@code kbitPerSecond} (0: no limit), changed while traffic
     * flows, as a link whose capacity steps; static so a test can reach a namespace its test resource made.
     */
    public static void shapeDownlink(String name, int kbitPerSecond) throws IOException {
        shape(List.of(), name + "-h", kbitPerSecond);
    }

    /** Limits what leaves namespace {@code name} (its uplink) to {@code kbitPerSecond} (0: no limit). */
    public static void shapeUplink(String name, int kbitPerSecond) throws IOException {
        shape(List.of("ip", "netns", "exec", name), name + "-n", kbitPerSecond);
    }

    private static void shape(List<String> inside, String device, int kbitPerSecond) throws IOException {
        List<String> delete = new ArrayList<>(inside);
        delete.addAll(List.of("tc", "qdisc", "del", "dev", device, "root"));
        run(delete);
        if (kbitPerSecond > 0) {
            // a home router's queue: 200 ms of the rate, and bursts of a few packets
            List<String> add = new ArrayList<>(inside);
            add.addAll(List.of("tc", "qdisc", "add", "dev", device, "root", "tbf", "rate", kbitPerSecond + "kbit",
                    "burst", "16kb", "latency", "200ms"));
            check(add);
        }
    }

    /**
     * A wrapper that runs {@code program} inside the namespace with the arguments it is given: what Playwright
     * launches as the browser.
     */
    public static java.nio.file.Path launcher(String name, java.nio.file.Path program, java.nio.file.Path directory)
            throws IOException {
        java.nio.file.Path launcher = directory.resolve("in-" + name + ".sh");
        java.nio.file.Files.writeString(launcher, "#!/bin/sh\nexec ip netns exec " + name + " " + program
                + " \"$@\"\n");
        if (!launcher.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
        return launcher;
    }

    /** Removes both ends and the namespace; the processes still inside lose their network. */
    @Override
    public void close() {
        try {
            run(List.of("ip", "link", "del", hostEnd()));
            run(List.of("ip", "netns", "del", name));
        } catch (IOException e) {
            // nothing to remove
        }
    }

    private String hostEnd() {
        return name + "-h";
    }

    private static void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        check(command);
    }

    private static void check(List<String> command) throws IOException {
        if (run(command) != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String output(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
