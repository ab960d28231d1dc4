package io.parley.embedded.media.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8). Ids 1-14 are one-byte header extensions,
 * 15-255 need the two-byte form; 0 and 15 are reserved in the one-byte form but 15 is legal here, so only 0 is refused.
 */
public record ExtMap(int id, String direction, String uri) {

    /** Abs-send-time: what Chrome's receive-side (REMB) bandwidth estimator needs on every packet. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /**
     * The audio level of each audio packet (RFC 6464). Forwarded untouched, it lets a subscriber's browser report
     * levels from its receivers (getSynchronizationSources) without building statistics reports.
     */
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** The MID header extension (RFC 8843): how a BUNDLE transport maps packets to m-sections before SSRCs are known. */
    public static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852: which simulcast encoding (rid) a packet belongs to, until the SSRCs are known. */
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852: which encoding an RTX packet repairs. */
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /**
     * Transport-wide congestion control: a sequence number over all of a transport's packets, which the router's
     * feedback reports arrival times by, for the publisher's own estimator.
     */
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    static ExtMap parse(String value) {
        String[] f = value.split(" ");
        if (f.length < 2 || f[1].isEmpty()) {
            throw new SdpException("a=extmap must be '<id>[/<direction>] <uri>', not '" + value + "'");
        }
        String idPart = f[0];
        String direction = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            direction = idPart.substring(slash + 1);
            idPart = idPart.substring(0, slash);
        }
        int id = (int) Numbers.decimal(idPart, 255, "a=extmap id");
        if (id == 0) {
            throw new SdpException("a=extmap id 0 is reserved (RFC 8285)");
        }
        return new ExtMap(id, direction, f[1]);
    }

    Attribute attribute() {
        return Attribute.of("extmap", id + (direction == null ? "" : "/" + direction) + " " + uri);
    }
}
