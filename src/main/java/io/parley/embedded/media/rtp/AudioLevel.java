package io.parley.embedded.media.rtp;

/**
 * The client-to-mixer audio level header extension (RFC 6464): one byte, a voice activity flag and the level of the
 * packet's audio in -dBov, 0 (loudest) to 127 (silence). Reading it costs no decoding, which is why a router can tell
 * who speaks from it.
 */
public final class AudioLevel {

    /** The level of digital silence, and of a muted microphone's packets. */
    public static final int SILENCE = 127;

    private AudioLevel() {
    }

    /** The level (0..127, -dBov) of the packet {@code header} decoded, from element {@code id}; -1 when absent. */
    public static int of(RtpHeader header, int id) {
        int at = header.extensionOffset(id);
        if (at < 0 || header.extensionLength(id) < 1) {
            return -1;
        }
        return header.data()[at] & 0x7F;
    }
}
