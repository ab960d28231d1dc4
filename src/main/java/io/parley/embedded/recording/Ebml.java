package io.parley.embedded.recording;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The EBML element ids this package writes and reads (Matroska spec, RFC 9559 §5.1, and the WebM subset), and a growable
 * byte buffer that encodes elements: an id keeps its marker bits, a size is a variable-length integer (RFC 8794 §4).
 */
final class Ebml {

    static final int EBML = 0x1A45DFA3;
    static final int EBML_VERSION = 0x4286;
    static final int EBML_READ_VERSION = 0x42F7;
    static final int EBML_MAX_ID_LENGTH = 0x42F2;
    static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
    static final int DOC_TYPE = 0x4282;
    static final int DOC_TYPE_VERSION = 0x4287;
    static final int DOC_TYPE_READ_VERSION = 0x4285;
    static final int VOID = 0xEC;

    static final int SEGMENT = 0x18538067;
    static final int INFO = 0x1549A966;
    static final int TIMESTAMP_SCALE = 0x2AD7B1;
    static final int DURATION = 0x4489;
    static final int MUXING_APP = 0x4D80;
    static final int WRITING_APP = 0x5741;

    static final int TRACKS = 0x1654AE6B;
    static final int TRACK_ENTRY = 0xAE;
    static final int TRACK_NUMBER = 0xD7;
    static final int TRACK_UID = 0x73C5;
    static final int TRACK_TYPE = 0x83;
    static final int FLAG_LACING = 0x9C;
    static final int CODEC_ID = 0x86;
    static final int CODEC_PRIVATE = 0x63A2;
    static final int CODEC_DELAY = 0x56AA;
    static final int SEEK_PRE_ROLL = 0x56BB;
    static final int VIDEO = 0xE0;
    static final int PIXEL_WIDTH = 0xB0;
    static final int PIXEL_HEIGHT = 0xBA;
    static final int AUDIO = 0xE1;
    static final int SAMPLING_FREQUENCY = 0xB5;
    static final int CHANNELS = 0x9F;

    static final int CLUSTER = 0x1F43B675;
    static final int TIMESTAMP = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int BLOCK_GROUP = 0xA0;
    static final int BLOCK = 0xA1;

    /** TrackType values (RFC 9559 §5.1.4.1.3). */
    static final int TRACK_TYPE_VIDEO = 1;
    static final int TRACK_TYPE_AUDIO = 2;

    private Ebml() {
    }

    /** A growable byte buffer with element encoders; reused for every cluster so writing allocates little. */
    static final class Buffer {
        private byte[] bytes = new byte[256];
        private int length;

        int length() {
            return length;
        }

        byte[] array() {
            return bytes;
        }

        void reset() {
            length = 0;
        }

        Buffer put(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
            return this;
        }

        Buffer put(byte[] data, int off, int len) {
            ensure(len);
            System.arraycopy(data, off, bytes, length, len);
            length += len;
            return this;
        }

        Buffer put(Buffer other) {
            return put(other.bytes, 0, other.length);
        }

        /** An element id, written with as many bytes as it has (its leading bits encode that length). */
        Buffer id(int id) {
            int size = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
            for (int i = size - 1; i >= 0; i--) {
                put(id >>> (8 * i));
            }
            return this;
        }

        /** A size as the shortest variable-length integer; all-ones values are reserved, hence the {@code - 1}. */
        Buffer size(long value) {
            int width = 1;
            while (width < 8 && value >= (1L << (7 * width)) - 1) {
                width++;
            }
            return size(value, width);
        }

        /** A size in exactly {@code width} bytes, so that it can be patched later without moving what follows. */
        Buffer size(long value, int width) {
            long encoded = value | (1L << (7 * width));
            for (int i = width - 1; i >= 0; i--) {
                put((int) (encoded >>> (8 * i)));
            }
            return this;
        }

        Buffer uint(int id, long value) {
            int width = 1;
            while (width < 8 && (value >>> (8 * width)) != 0) {
                width++;
            }
            id(id).size(width);
            for (int i = width - 1; i >= 0; i--) {
                put((int) (value >>> (8 * i)));
            }
            return this;
        }

        Buffer string(int id, String value) {
            byte[] data = value.getBytes(StandardCharsets.UTF_8);
            return binary(id, data);
        }

        Buffer binary(int id, byte[] data) {
            return id(id).size(data.length).put(data, 0, data.length);
        }

        Buffer float64(int id, double value) {
            long bits = Double.doubleToLongBits(value);
            id(id).size(8);
            for (int i = 7; i >= 0; i--) {
                put((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Buffer master(int id, Buffer content) {
            return id(id).size(content.length).put(content);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
