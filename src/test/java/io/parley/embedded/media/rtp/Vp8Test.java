package io.parley.embedded.media.rtp;

import org.junit.jupiter.api.Test;

import static io.parley.embedded.media.rtp.RtpHeaderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Payloads built per RFC 7741 §4.2 (descriptor), §4.3 (payload header) and RFC 6386 §9.1 (key frame start code). */
class Vp8Test {

    /** Descriptor S=1 PID=0, then a key frame: frame tag with P=0 (0x10 = show_frame, version 0) and the start code. */
    static final byte[] KEY_FRAME = bytes(0x10, 0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01);
    /** Same descriptor, but the frame tag's P bit is 1: an interframe. */
    static final byte[] DELTA_FRAME = bytes(0x10, 0x11, 0x02, 0x00, 0x55, 0x66);

    @Test
    void keyFrameNeedsStartOfPartitionZeroAndPZero() {
        assertThat(Vp8.isKeyFrame(KEY_FRAME)).isTrue();
        assertThat(Vp8.isKeyFrame(DELTA_FRAME)).isFalse();
    }

    @Test
    void continuationPacketsOfAKeyFrameAreNotKeyFrameStarts() {
        byte[] continuation = KEY_FRAME.clone();
        continuation[0] = 0x00; // S=0: the middle of the partition, the byte after the descriptor is not a header
        assertThat(Vp8.isKeyFrame(continuation)).isFalse();
        byte[] otherPartition = KEY_FRAME.clone();
        otherPartition[0] = 0x11; // S=1 but PID=1: no payload header here
        assertThat(Vp8.isKeyFrame(otherPartition)).isFalse();
    }

    @Test
    void keyFrameWithExtendedDescriptorAndFifteenBitPictureId() {
        // X=1 S=1; I=1 L=1 T=1 K=1; M=1 picture id 0x1234; TL0PICIDX 7; TID=2 Y=1 KEYIDX=5; then the key frame header.
        byte[] payload = bytes(0x90, 0xF0, 0x92, 0x34, 0x07, 0xA5, 0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A);
        assertThat(Vp8.isKeyFrame(payload)).isTrue();
        assertThat(Vp8.pictureId(payload, 0, payload.length)).isEqualTo(0x1234);

        Vp8Descriptor d = new Vp8Descriptor();
        assertThat(d.decode(payload, 0, payload.length)).isTrue();
        assertThat(d.startsFrame()).isTrue();
        assertThat(d.longPictureId()).isTrue();
        assertThat(d.pictureId()).isEqualTo(0x1234);
        assertThat(d.tl0PicIdx()).isEqualTo(7);
        assertThat(d.temporalId()).isEqualTo(2);
        assertThat(d.layerSync()).isTrue();
        assertThat(d.keyIndex()).isEqualTo(5);
        assertThat(d.length()).isEqualTo(6);

        payload[6] = 0x51; // P=1
        assertThat(Vp8.isKeyFrame(payload)).isFalse();
    }

    @Test
    void sevenBitPictureIdAndNonReferenceFrames() {
        // X=1 N=1 S=1; I=1; M=0 picture id 0x45; then a delta frame.
        byte[] payload = bytes(0xB0, 0x80, 0x45, 0x01, 0x00);
        assertThat(Vp8.pictureId(payload, 0, payload.length)).isEqualTo(0x45);
        assertThat(Vp8.isKeyFrame(payload)).isFalse();
        Vp8Descriptor d = new Vp8Descriptor();
        assertThat(d.decode(payload, 0, payload.length)).isTrue();
        assertThat(d.nonReference()).isTrue();
        assertThat(d.longPictureId()).isFalse();
        assertThat(d.tl0PicIdx()).isEqualTo(Vp8Descriptor.ABSENT);
        assertThat(d.temporalId()).isEqualTo(Vp8Descriptor.ABSENT);
        assertThat(d.length()).isEqualTo(3);
    }

    @Test
    void pictureIdAbsentWithoutTheIBit() {
        assertThat(Vp8.pictureId(KEY_FRAME, 0, KEY_FRAME.length)).isEqualTo(Vp8Descriptor.ABSENT);
        byte[] onlyL = bytes(0x90, 0x40, 0x03, 0x00);
        assertThat(Vp8.pictureId(onlyL, 0, onlyL.length)).isEqualTo(Vp8Descriptor.ABSENT);
        assertThat(Vp8.isKeyFrame(onlyL)).isTrue();
    }

    @Test
    void truncatedDescriptorsAreNeitherKeyFramesNorThrown() {
        Vp8Descriptor d = new Vp8Descriptor();
        for (byte[] truncated : new byte[][] {
                bytes(), bytes(0x10), bytes(0x90), bytes(0x90, 0x80), bytes(0x90, 0x80, 0x92), bytes(0x90, 0x80, 0x92, 0x34),
                bytes(0x90, 0xC0, 0x12), bytes(0x90, 0x30)}) {
            assertThat(Vp8.isKeyFrame(truncated)).as("%d bytes", truncated.length).isFalse();
            assertThat(d.decode(truncated, 0, truncated.length)).isFalse();
        }
        assertThat(Vp8.pictureId(bytes(0x90, 0x80, 0x92), 0, 3)).isEqualTo(Vp8Descriptor.ABSENT);
        assertThat(Vp8.isKeyFrame(null)).isFalse();
        assertThat(Vp8.isKeyFrame(KEY_FRAME, 5, 10)).isFalse();
    }
}
