package io.parley.embedded.media.sdp;

/**
 * Which video codecs the router accepts from publishers. VP8 always; H.264 only when enabled, because archives are
 * WebM (VP8/Opus) and a stream the recorder cannot write must not be accepted silently in an archived session.
 */
public record CodecPolicy(boolean acceptH264) {

    public static final CodecPolicy VP8_ONLY = new CodecPolicy(false);
    public static final CodecPolicy VP8_THEN_H264 = new CodecPolicy(true);
}
