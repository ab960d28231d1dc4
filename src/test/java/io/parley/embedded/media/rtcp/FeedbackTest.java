package io.parley.embedded.media.rtcp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.parley.embedded.media.rtcp.RtcpCompoundTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class FeedbackTest {

    private final byte[] buf = new byte[256];

    @Test
    void nackPacksNeighboursIntoPidAndBlp() {
        int[] lost = {100, 101, 105, 116, 117};
        int len = GenericNack.write(buf, 0, 0x01020304L, 0x0A0B0C0DL, lost, lost.length);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(bytes(
                0x81, 0xCD, 0x00, 0x04,
                0x01, 0x02, 0x03, 0x04,
                0x0A, 0x0B, 0x0C, 0x0D,
                0x00, 0x64, 0x80, 0x11,     // PID 100; BLP bits 0 (101), 4 (105), 15 (116)
                0x00, 0x75, 0x00, 0x00));   // PID 117: 17 after 100, one past what a BLP covers

        assertThat(GenericNack.is(buf, 0, len)).isTrue();
        assertThat(Feedback.senderSsrc(buf, 0)).isEqualTo(0x01020304L);
        assertThat(Feedback.mediaSsrc(buf, 0)).isEqualTo(0x0A0B0C0DL);
        int[] out = new int[32];
        int n = GenericNack.lostSequenceNumbers(buf, 0, len, out);
        assertThat(Arrays.copyOf(out, n)).containsExactly(100, 101, 105, 116, 117);
    }

    @Test
    void nackAcrossTheWrapRoundTrips() {
        int[] lost = {65534, 65535, 0, 3, 40};
        int len = GenericNack.write(buf, 8, 1, 2, lost, lost.length);
        assertThat(len).isEqualTo(12 + 8);
        int[] out = new int[32];
        int n = GenericNack.lostSequenceNumbers(buf, 8, len, out);
        assertThat(Arrays.copyOf(out, n)).containsExactly(65534, 65535, 0, 3, 40);
        assertThat(GenericNack.lostSequenceNumbers(buf, 8, len, new int[2])).isEqualTo(2);
    }

    @Test
    void nackRefusesWhatItCannotWrite() {
        assertThat(GenericNack.write(buf, 0, 1, 2, new int[0], 0)).isEqualTo(-1);
        assertThat(GenericNack.write(new byte[15], 0, 1, 2, new int[] {1}, 1)).isEqualTo(-1);
        assertThat(GenericNack.write(new byte[16], 0, 1, 2, new int[] {1}, 1)).isEqualTo(16);
        assertThat(GenericNack.write(new byte[16], 0, 1, 2, new int[] {1, 100}, 2)).isEqualTo(-1);
        assertThat(GenericNack.lostSequenceNumbers(buf, 0, 12, new int[4])).isEqualTo(-1);
    }

    @Test
    void pliLayout() {
        int len = KeyFrameRequests.writePli(buf, 0, 0x11111111L, 0x22222222L);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(bytes(
                0x81, 0xCE, 0x00, 0x02, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22));
        assertThat(KeyFrameRequests.isPli(buf, 0, len)).isTrue();
        assertThat(KeyFrameRequests.isFir(buf, 0, len)).isFalse();
        assertThat(KeyFrameRequests.writePli(new byte[11], 0, 1, 2)).isEqualTo(-1);
    }

    @Test
    void firLayout() {
        int len = KeyFrameRequests.writeFir(buf, 0, 0x11111111L, 0x22222222L, 7);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(bytes(
                0x84, 0xCE, 0x00, 0x04,
                0x11, 0x11, 0x11, 0x11,
                0x00, 0x00, 0x00, 0x00,     // RFC 5104 §4.3.1.2: media source 0
                0x22, 0x22, 0x22, 0x22,     // the SSRC asked for a key frame
                0x07, 0x00, 0x00, 0x00));   // command sequence number, reserved
        assertThat(KeyFrameRequests.isFir(buf, 0, len)).isTrue();
        assertThat(KeyFrameRequests.firEntryCount(buf, 0, len)).isEqualTo(1);
        assertThat(KeyFrameRequests.firSsrc(buf, 0, 0)).isEqualTo(0x22222222L);
        assertThat(KeyFrameRequests.firSequenceNumber(buf, 0, 0)).isEqualTo(7);
        assertThat(KeyFrameRequests.writeFir(new byte[19], 0, 1, 2, 3)).isEqualTo(-1);
    }

    @Test
    void rembOf600kbps() {
        int len = Remb.write(buf, 0, 0x11111111L, 600_000, new long[] {0x22222222L}, 1);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(bytes(
                0x8F, 0xCE, 0x00, 0x05,
                0x11, 0x11, 0x11, 0x11,
                0x00, 0x00, 0x00, 0x00,
                'R', 'E', 'M', 'B',
                0x01, 0x0A, 0x49, 0xF0,     // 1 SSRC; exp 2, mantissa 150000 (0x249F0)
                0x22, 0x22, 0x22, 0x22));
        assertThat(Remb.bitrate(buf, 0, len)).isEqualTo(600_000);
        assertThat(Remb.ssrcCount(buf, 0, len)).isEqualTo(1);
        assertThat(Remb.ssrc(buf, 0, 0)).isEqualTo(0x22222222L);
    }

    @Test
    void rembOf2point5Mbps() {
        long[] ssrcs = {1, 2};
        int len = Remb.write(buf, 0, 9, 2_500_000, ssrcs, 2);
        assertThat(len).isEqualTo(28);
        assertThat(buf[3]).isEqualTo((byte) 6);
        assertThat(Arrays.copyOfRange(buf, 17, 20)).isEqualTo(bytes(0x12, 0x62, 0x5A)); // exp 4, mantissa 156250
        assertThat(Remb.bitrate(buf, 0, len)).isEqualTo(2_500_000);
        assertThat(Remb.ssrc(buf, 0, 1)).isEqualTo(2);
    }

    @Test
    void rembRoundsDownToWhatTheMantissaCanSay() {
        int len = Remb.write(buf, 0, 9, 1_000_001, null, 0);
        long decoded = Remb.bitrate(buf, 0, len);
        assertThat(decoded).isLessThanOrEqualTo(1_000_001).isGreaterThan(1_000_001 - 4);
        len = Remb.write(buf, 0, 9, (1 << 18) - 1, null, 0);
        assertThat(buf[17]).isEqualTo((byte) 0x03);
        assertThat(Remb.bitrate(buf, 0, len)).isEqualTo((1 << 18) - 1);
        assertThat(Remb.write(buf, 0, 9, -1, null, 0)).isEqualTo(-1);
        byte[] notRemb = Arrays.copyOf(buf, len);
        notRemb[12] = 'X';
        assertThat(Remb.bitrate(notRemb, 0, len)).isEqualTo(-1);
        buf[16] = 3; // claims three SSRCs that are not there
        assertThat(Remb.is(buf, 0, len)).isFalse();
    }
}
