package io.parley.embedded.signaling;

import java.util.stream.Collectors;

/**
 * Drops ICE candidates a deployment does not want exchanged. With loopback-only on, only candidates on
 * 127.0.0.0/8 or ::1 pass, in trickled candidates and in SDP alike, so a test's media cannot leave the machine.
 */
final class CandidateFilter {

    private final boolean loopbackOnly;

    CandidateFilter(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    /** {@code candidate:<foundation> <component> <transport> <priority> <address> <port> typ ...} */
    boolean allows(String candidate) {
        if (!loopbackOnly) {
            return true;
        }
        String[] fields = candidate.strip().split("\\s+");
        return fields.length > 5 && isLoopback(fields[4]);
    }

    String filterSdp(String sdp) {
        if (!loopbackOnly) {
            return sdp;
        }
        String lineEnd = sdp.contains("\r\n") ? "\r\n" : "\n";
        String filtered = sdp.lines()
                .filter(line -> !line.startsWith("a=candidate:") || allows(line.substring(2)))
                .collect(Collectors.joining(lineEnd));
        return filtered.isEmpty() ? filtered : filtered + lineEnd;
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
