package io.parley.embedded.media.sdp;

/** {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]} (RFC 8866 §6.6). Channels is 1 when absent. */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    static RtpMap parse(String value) {
        String[] f = value.split(" ", 2);
        String[] enc = f.length == 2 ? f[1].split("/", -1) : new String[0];
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            throw new SdpException("a=rtpmap must be '<pt> <encoding>/<clock rate>[/<channels>]', not '" + value + "'");
        }
        int pt = Numbers.payloadType(f[0], "a=rtpmap");
        int clock = Numbers.positive(enc[1], "a=rtpmap clock rate");
        int channels = enc.length == 3 ? Numbers.positive(enc[2], "a=rtpmap channels") : 1;
        return new RtpMap(pt, enc[0], clock, channels);
    }

    boolean is(String name, int clock) {
        return encoding.equalsIgnoreCase(name) && clockRate == clock;
    }
}
