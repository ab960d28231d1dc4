package io.parley.embedded.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A negotiated RTP payload format: payload type, encoding name, clock rate, channels and format parameters ("" when
 * there are none). The router forwards RTP without rewriting payload types, so a subscription reuses the publisher's.
 */
public record RtpCodec(int payloadType, String encoding, int clockRate, int channels, String fmtp) {

    /** Opus parameters the router writes: in-band FEC on (RFC 7587), 10 ms minimum packets as Chrome sends. */
    public static final String OPUS_FMTP = "minptime=10;useinbandfec=1";

    public RtpCodec {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " out of range");
        }
        fmtp = fmtp == null ? "" : fmtp;
    }

    public static RtpCodec vp8(int payloadType) {
        return new RtpCodec(payloadType, "VP8", 90000, 1, "");
    }

    public static RtpCodec opus(int payloadType) {
        return new RtpCodec(payloadType, "opus", 48000, 2, OPUS_FMTP);
    }

    /** RTX for {@code apt} (RFC 4588). */
    public static RtpCodec rtx(int payloadType, int apt) {
        return new RtpCodec(payloadType, "rtx", 90000, 1, "apt=" + apt);
    }

    /** a=rtpmap (channels written only when more than one, as browsers do) and a=fmtp when there are parameters. */
    List<Attribute> attributes() {
        List<Attribute> list = new ArrayList<>(2);
        list.add(Attribute.of("rtpmap", payloadType + " " + encoding + "/" + clockRate + (channels > 1 ? "/" + channels : "")));
        if (!fmtp.isEmpty()) {
            list.add(Attribute.of("fmtp", payloadType + " " + fmtp));
        }
        return list;
    }
}
