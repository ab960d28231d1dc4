package io.parley.embedded.media.rtp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RtpHeaderTest {

    /** V=2 X=1 CC=2, M=1 PT=96, seq 0x1234, ts 0xDEADBEEF, SSRC 0x11223344, two CSRCs, one-byte extension, payload. */
    static final byte[] WITH_ONE_BYTE_EXTENSION = bytes(
            0x92, 0xE0, 0x12, 0x34,
            0xDE, 0xAD, 0xBE, 0xEF,
            0x11, 0x22, 0x33, 0x44,
            0xAA, 0xAA, 0xAA, 0x01,
            0xBB, 0xBB, 0xBB, 0x02,
            0xBE, 0xDE, 0x00, 0x03,             // RFC 8285 one-byte profile, 3 words
            0x32, 0x12, 0x34, 0x56,             // id 3, 3 bytes: abs-send-time 0x123456
            0x00,                               // padding byte between elements
            0x41, 0x61, 0x31,                   // id 4, 2 bytes: mid "a1"
            0x00, 0x00, 0x00, 0x00,             // padding to the word boundary
            0x10, 0x20, 0x30);                  // payload

    private static final byte[] RENUMBER_ALL = new byte[256];

    static {
        for (int id = 0; id < 256; id++) {
            RENUMBER_ALL[id] = (byte) (1 + id % 14);
        }
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void parsesFixedHeaderCsrcsAndOneByteExtension() {
        RtpHeader h = RtpHeader.parse(WITH_ONE_BYTE_EXTENSION);
        assertThat(h).isNotNull();
        assertThat(h.marker()).isTrue();
        assertThat(h.payloadType()).isEqualTo(96);
        assertThat(h.sequenceNumber()).isEqualTo(0x1234);
        assertThat(h.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(h.ssrc()).isEqualTo(0x11223344L);
        assertThat(h.csrcCount()).isEqualTo(2);
        assertThat(h.csrc(0)).isEqualTo(0xAAAAAA01L);
        assertThat(h.csrc(1)).isEqualTo(0xBBBBBB02L);
        assertThat(h.csrc(2)).isEqualTo(-1);
        assertThat(h.extensionProfile()).isEqualTo(RtpHeader.ONE_BYTE_PROFILE);
        assertThat(h.absSendTime(3)).isEqualTo(0x123456);
        assertThat(h.mid(4)).isEqualTo("a1");
        assertThat(h.extensionLength(4)).isEqualTo(2);
        assertThat(h.extensionOffset(5)).isEqualTo(-1);
        assertThat(h.absSendTime(4)).isEqualTo(-1); // wrong length for abs-send-time
        assertThat(h.payloadOffset()).isEqualTo(36);
        assertThat(h.payloadLength()).isEqualTo(3);
    }

    @Test
    void parsesTwoByteExtensionAndPadding() {
        byte[] packet = bytes(
                0xB0, 0x6F, 0xFF, 0xFF,             // V=2 P=1 X=1 CC=0, M=0 PT=111, seq 65535
                0x00, 0x00, 0x00, 0x01,
                0x00, 0x00, 0x00, 0x02,
                0x10, 0x00, 0x00, 0x02,             // RFC 8285 two-byte profile, 2 words
                0x0F, 0x03, 0x61, 0x75,             // id 15, 3 bytes "aud"
                0x64, 0x00, 0x00, 0x00,
                0x01,                               // payload
                0x00, 0x00, 0x03);                  // padding: the last byte counts 3, itself included
        RtpHeader h = RtpHeader.parse(packet);
        assertThat(h).isNotNull();
        assertThat(h.padding()).isTrue();
        assertThat(h.marker()).isFalse();
        assertThat(h.payloadType()).isEqualTo(111);
        assertThat(h.sequenceNumber()).isEqualTo(65535);
        assertThat(h.mid(15)).isEqualTo("aud");
        assertThat(h.payloadOffset()).isEqualTo(24);
        assertThat(h.payloadLength()).isEqualTo(1);
    }

    @Test
    void minimalHeaderWithoutPayload() {
        RtpHeader h = RtpHeader.parse(bytes(0x80, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9));
        assertThat(h).isNotNull();
        assertThat(h.hasExtension()).isFalse();
        assertThat(h.payloadLength()).isZero();
        assertThat(h.mid(1)).isNull();
    }

    @Test
    void refusesMalformedHeadersWithAReason() {
        RtpHeader h = new RtpHeader();
        assertThat(h.decode(new byte[11], 0, 11)).isEqualTo(RtpDecodeFailure.TRUNCATED_HEADER);
        assertThat(h.decode(null, 0, 12)).isEqualTo(RtpDecodeFailure.TRUNCATED_HEADER);
        assertThat(h.decode(new byte[12], 4, 12)).isEqualTo(RtpDecodeFailure.TRUNCATED_HEADER);
        assertThat(h.decode(new byte[12], 0, 12)).isEqualTo(RtpDecodeFailure.BAD_VERSION);
        assertThat(h.decode(bytes(0x81, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 12)).isEqualTo(RtpDecodeFailure.CSRC_OVERRUNS);
        assertThat(h.decode(bytes(0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 1), 0, 16))
                .isEqualTo(RtpDecodeFailure.EXTENSION_OVERRUNS);
        assertThat(h.decode(bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0), 0, 14)).isEqualTo(RtpDecodeFailure.BAD_PADDING);
        assertThat(h.decode(bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3), 0, 14)).isEqualTo(RtpDecodeFailure.BAD_PADDING);
        assertThat(h.decode(bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 12)).isEqualTo(RtpDecodeFailure.BAD_PADDING);
        assertThat(h.decode(bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2), 0, 14)).isNull();
        assertThat(h.payloadLength()).isZero();
    }

    @Test
    void extensionElementsRunningPastTheBlockAreNotReturned() {
        byte[] packet = WITH_ONE_BYTE_EXTENSION.clone();
        packet[29] = (byte) 0x4F; // id 4 now claims 16 bytes, past the 12-byte block
        RtpHeader h = RtpHeader.parse(packet);
        assertThat(h).isNotNull();
        assertThat(h.mid(4)).isNull();
        assertThat(h.absSendTime(3)).isEqualTo(0x123456);
    }

    @Test
    void decodesAtAnOffsetInsideALargerBuffer() {
        byte[] buffer = new byte[100];
        System.arraycopy(WITH_ONE_BYTE_EXTENSION, 0, buffer, 30, WITH_ONE_BYTE_EXTENSION.length);
        RtpHeader h = new RtpHeader();
        assertThat(h.decode(buffer, 30, WITH_ONE_BYTE_EXTENSION.length)).isNull();
        assertThat(h.payloadOffset()).isEqualTo(66);
        assertThat(h.absSendTime(3)).isEqualTo(0x123456);
    }

    @Test
    void rewritesForwardingFieldsInPlace() {
        byte[] packet = WITH_ONE_BYTE_EXTENSION.clone();
        RtpHeader.setSsrc(packet, 0, 0xFEDCBA98L);
        RtpHeader.setPayloadType(packet, 0, 100);
        RtpHeader.setSequenceNumber(packet, 0, 65535);
        RtpHeader.setTimestamp(packet, 0, 0xFFFFFFFFL);
        RtpHeader h = RtpHeader.parse(packet);
        assertThat(h.ssrc()).isEqualTo(0xFEDCBA98L);
        assertThat(h.payloadType()).isEqualTo(100);
        assertThat(h.marker()).isTrue();
        assertThat(h.sequenceNumber()).isEqualTo(65535);
        assertThat(h.timestamp()).isEqualTo(0xFFFFFFFFL);
        RtpHeader.setMarker(packet, 0, false);
        assertThat(RtpHeader.parse(packet).marker()).isFalse();
        assertThat(RtpHeader.parse(packet).payloadType()).isEqualTo(100);

        RtpHeader.setSsrc(packet, 0, 0x11223344L);
        RtpHeader.setPayloadType(packet, 0, 96);
        RtpHeader.setSequenceNumber(packet, 0, 0x1234);
        RtpHeader.setTimestamp(packet, 0, 0xDEADBEEFL);
        RtpHeader.setMarker(packet, 0, true);
        assertThat(packet).isEqualTo(WITH_ONE_BYTE_EXTENSION);
    }

    @Test
    void renumbersExtensionElementsInPlaceAndLeavesEverythingElse() {
        byte[] packet = WITH_ONE_BYTE_EXTENSION.clone();
        RtpHeader h = RtpHeader.parse(packet);
        byte[] ids = new byte[256];
        java.util.Arrays.fill(ids, (byte) 14);
        ids[3] = 1;
        h.renumberExtensions(ids);
        RtpHeader again = RtpHeader.parse(packet);
        assertThat(again.absSendTime(1)).as("id 3 is now 1").isEqualTo(0x123456);
        assertThat(again.mid(14)).as("the rest under the unnegotiated id").isEqualTo("a1");
        assertThat(again.extensionOffset(3)).isEqualTo(-1);
        assertThat(again.extensionOffset(4)).isEqualTo(-1);
        // only the two id bytes changed: values, padding, payload are as they were
        int changed = 0;
        for (int i = 0; i < packet.length; i++) {
            changed += packet[i] != WITH_ONE_BYTE_EXTENSION[i] ? 1 : 0;
        }
        assertThat(changed).isEqualTo(2);

        byte[] twoByte = bytes(
                0x90, 0x6F, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 2,
                0x10, 0x00, 0x00, 0x02,
                0x00, 0x1F, 0x01, 0x7F,             // padding byte, then id 31, 1 byte
                0x05, 0x01, 0x42, 0x00,             // id 5, 1 byte
                0x01);
        RtpHeader two = RtpHeader.parse(twoByte);
        ids[31] = 1;
        two.renumberExtensions(ids);
        RtpHeader twoAgain = RtpHeader.parse(twoByte);
        assertThat(twoAgain.extensionLength(1)).isEqualTo(1);
        assertThat(twoByte[twoAgain.extensionOffset(1)]).isEqualTo((byte) 0x7F);
        assertThat(twoAgain.extensionOffset(14)).as("id 5 moved to 14").isEqualTo(22);
    }

    @Test
    void addsAnElementAfterTheOthersAndMovesThePayload() {
        byte[] packet = java.util.Arrays.copyOf(WITH_ONE_BYTE_EXTENSION, WITH_ONE_BYTE_EXTENSION.length + 4);
        RtpHeader h = new RtpHeader();
        assertThat(h.decode(packet, 0, WITH_ONE_BYTE_EXTENSION.length)).isNull();
        int length = h.addElement(2, packet.length);
        assertThat(length).isEqualTo(WITH_ONE_BYTE_EXTENSION.length + 4);
        RtpHeader again = new RtpHeader();
        assertThat(again.decode(packet, 0, length)).isNull();
        assertThat(again.transportSequenceNumber(2)).isZero();
        assertThat(again.absSendTime(3)).isEqualTo(0x123456);
        assertThat(again.mid(4)).isEqualTo("a1");
        assertThat(again.csrc(1)).isEqualTo(0xBBBBBB02L);
        assertThat(again.payloadOffset()).isEqualTo(40);
        assertThat(java.util.Arrays.copyOfRange(packet, 40, length)).containsExactly(0x10, 0x20, 0x30);

        assertThat(again.addElement(3, length)).as("no room").isEqualTo(-1);
        assertThat(again.decode(packet, 0, length)).isNull();
        assertThat(again.transportSequenceNumber(2)).as("unchanged").isZero();
        assertThat(again.addElement(15, packet.length + 4)).as("not a one-byte id").isEqualTo(-1);
    }

    @Test
    void addsAnExtensionToAPacketWithoutOne() {
        // V=2 P=1 CC=1, PT=96: a CSRC, two payload bytes, two bytes of padding
        byte[] plain = bytes(0xA1, 0x60, 0, 7, 0, 0, 0, 9, 0, 0, 0, 5, 0xCC, 0xCC, 0xCC, 0xCC, 0x42, 0x43, 0, 2);
        byte[] packet = java.util.Arrays.copyOf(plain, 64);
        RtpHeader h = new RtpHeader();
        assertThat(h.decode(packet, 0, plain.length)).isNull();
        int length = h.addElement(2, packet.length);
        assertThat(length).isEqualTo(plain.length + 8);
        assertThat(h.decode(packet, 0, length)).isNull();
        assertThat(h.extensionProfile()).isEqualTo(RtpHeader.ONE_BYTE_PROFILE);
        assertThat(h.transportSequenceNumber(2)).isZero();
        assertThat(h.csrc(0)).isEqualTo(0xCCCCCCCCL);
        assertThat(h.sequenceNumber()).isEqualTo(7);
        assertThat(h.padding()).isTrue();
        assertThat(h.payloadLength()).isEqualTo(2);
        assertThat(packet[h.payloadOffset()]).isEqualTo((byte) 0x42);
    }

    @Test
    void addsATwoByteElementInTheTwoByteForm() {
        byte[] plain = bytes(0x90, 0x6F, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 2,
                0x10, 0x00, 0x00, 0x01,
                0x1F, 0x01, 0x7F, 0x00,             // id 31, 1 byte, padding
                0x01);
        byte[] packet = java.util.Arrays.copyOf(plain, plain.length + 4);
        RtpHeader h = new RtpHeader();
        assertThat(h.decode(packet, 0, plain.length)).isNull();
        int length = h.addElement(200, packet.length);
        assertThat(h.decode(packet, 0, length)).isNull();
        assertThat(h.transportSequenceNumber(200)).isZero();
        assertThat(h.extensionLength(31)).isEqualTo(1);
        assertThat(packet[h.payloadOffset()]).isEqualTo((byte) 0x01);

        byte[] opaque = bytes(0x90, 0x6F, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0x12, 0x34, 0, 1, 1, 2, 3, 4, 9);
        byte[] room = java.util.Arrays.copyOf(opaque, 64);
        assertThat(h.decode(room, 0, opaque.length)).isNull();
        assertThat(h.addElement(2, room.length)).as("a profile of its own").isEqualTo(-1);
        assertThat(java.util.Arrays.copyOf(room, opaque.length)).isEqualTo(opaque);
    }

    @Test
    void demultiplexesRtpFromRtcp() {
        assertThat(RtpHeader.looksLikeRtp(WITH_ONE_BYTE_EXTENSION, 0, WITH_ONE_BYTE_EXTENSION.length)).isTrue();
        byte[] rtcp = bytes(0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(RtpHeader.looksLikeRtp(rtcp, 0, rtcp.length)).isFalse();
        assertThat(RtpHeader.looksLikeRtp(rtcp, 0, 4)).isFalse();
    }

    @Test
    void randomInputNeverThrows() {
        SplittableRandom random = new SplittableRandom(7);
        RtpHeader h = new RtpHeader();
        Vp8Descriptor vp8 = new Vp8Descriptor();
        byte[] buffer = new byte[64];
        for (int i = 0; i < 100_000; i++) {
            random.nextBytes(buffer);
            if (random.nextBoolean()) {
                buffer[0] = (byte) (0x80 | (buffer[0] & 0x3F)); // version 2, so the deeper paths are reached
            }
            if (random.nextInt(4) == 0) {
                buffer[12] = (byte) 0xBE;
                buffer[13] = (byte) 0xDE;
            }
            int off = random.nextInt(8);
            int len = random.nextInt(buffer.length - off + 1);
            if (h.decode(buffer, off, len) == null) {
                assertThat(h.payloadOffset() + h.payloadLength()).isLessThanOrEqualTo(off + len);
                for (int id = 0; id < 16; id++) {
                    h.absSendTime(id);
                    h.mid(id);
                }
                h.renumberExtensions(RENUMBER_ALL);
                Vp8.isKeyFrame(buffer, h.payloadOffset(), h.payloadLength());
                Vp8.pictureId(buffer, h.payloadOffset(), h.payloadLength());
            }
            vp8.decode(buffer, off, len);
            Vp8.isKeyFrame(buffer, off, len);
            Vp8.pictureId(buffer, off, len);
        }
    }
}
