package io.parley.embedded.recording;

/**
 * The uncompressed header of a VP8 key frame (RFC 6386 §9.1): a 3-byte frame tag, the start code 9d 01 2a, then width and
 * height as little-endian 16-bit values whose low 14 bits are the size and top 2 bits a scaling hint.
 */
final class Vp8KeyFrame {

    private Vp8KeyFrame() {
    }

    /** {width, height}, or null when the frame is not a key frame with a valid start code. */
    static int[] dimensions(byte[] frame) {
        if (frame == null || frame.length < 10 || (frame[0] & 0x01) != 0
                || (frame[3] & 0xFF) != 0x9D || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2A) {
            return null;
        }
        int width = ((frame[7] & 0xFF) << 8 | (frame[6] & 0xFF)) & 0x3FFF;
        int height = ((frame[9] & 0xFF) << 8 | (frame[8] & 0xFF)) & 0x3FFF;
        return width == 0 || height == 0 ? null : new int[] {width, height};
    }
}
