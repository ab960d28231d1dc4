package io.parley.embedded.media.rtcp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.parley.embedded.media.rtcp.RtcpCompoundTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class TransportFeedbackTest {

    private static final long MS = 1_000_000;
    private final byte[] buf = new byte[1500];
    private final long[] arrivals = new long[TransportFeedback.MAX_STATUSES];
    private final TransportFeedback feedback = new TransportFeedback(0);

    @Test
    void writesTheDraftsLayout() {
        feedback.onPacket(10, 0x0A0B0C0DL, 1 * MS);
        feedback.onPacket(12, 0x0A0B0C0DL, 2 * MS);

        int len = feedback.write(buf, 0, 0x01020304L);

        assertThat(Arrays.copyOf(buf, len)).isEqualTo(bytes(
                0x8F, 0xCD, 0x00, 0x05,     // RTPFB FMT 15, six words
                0x01, 0x02, 0x03, 0x04,
                0x0A, 0x0B, 0x0C, 0x0D,
                0x00, 0x0A, 0x00, 0x03,     // base 10, three statuses
                0x00, 0x00, 0x00, 0x00,     // reference time 0, feedback 0
                0xA8, 0x00,                 // one-bit vector: received, not received, received
                0x04, 0x04));               // 1 ms and then 1 ms more, in 250 µs
        assertThat(feedback.pending()).isFalse();
        assertThat(feedback.write(buf, 0, 1)).isEqualTo(-1);
    }

    @Test
    void aSenderReadsBackEveryArrivalWithinADeltaTick() {
        long[] sent = new long[60];
        for (int i = 0; i < sent.length; i++) {
            // losses, a run of 20 lost, one gap over 64 ms (a large delta) and a reordered pair
            boolean lost = i % 7 == 3 || (i >= 30 && i < 50);
            sent[i] = lost ? -1 : 5_000 * MS + i * 3 * MS + (i == 20 ? 90 * MS : 0) + (i == 21 ? -2 * MS : 0)
                    + (i > 21 ? 90 * MS : 0) + 123_456;
        }
        sent[20] = sent[22] - MS; // arrives after 21
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] >= 0) {
                feedback.onPacket((65_530 + i) & 0xFFFF, 7, sent[i]); // across the 16-bit wrap
            }
        }

        int len = feedback.write(buf, 0, 1);
        long header = TransportFeedback.read(buf, 0, len, arrivals);

        assertThat(len % 4).isZero();
        assertThat(header >>> 16).isEqualTo(65_530);
        int count = (int) (header & 0xFFFF);
        assertThat(count).isEqualTo(sent.length - 1); // the last one sent was lost: nothing says it yet
        long offset = arrivals[0] - sent[0] / 1000;
        for (int i = 0; i < count; i++) {
            if (sent[i] < 0) {
                assertThat(arrivals[i]).as("packet %d", i).isEqualTo(-1);
            } else {
                assertThat(arrivals[i] - sent[i] / 1000 - offset).as("packet %d", i).isBetween(-250L, 250L);
            }
        }
    }

    @Test
    void manyPacketsTakeSeveralMessagesAndEachIsReportedOnce() {
        for (int i = 0; i < 1000; i++) {
            feedback.onPacket(i, 7, 10 * MS + i * MS / 2);
        }
        int total = 0;
        int messages = 0;
        int feedbackCount = -1;
        while (feedback.pending()) {
            int len = feedback.write(buf, 0, 1);
            long header = TransportFeedback.read(buf, 0, len, arrivals);
            assertThat(header >>> 16).isEqualTo(total);
            assertThat((buf[19] & 0xFF)).isEqualTo(feedbackCount + 1);
            feedbackCount = buf[19] & 0xFF;
            total += (int) (header & 0xFFFF);
            messages++;
        }
        assertThat(total).isEqualTo(1000);
        assertThat(messages).isEqualTo(3);

        feedback.onPacket(999, 7, 900 * MS); // a duplicate of one reported
        feedback.onPacket(500, 7, 900 * MS);
        assertThat(feedback.pending()).isFalse();
        feedback.onPacket(1000, 7, 901 * MS);
        assertThat(TransportFeedback.read(buf, 0, feedback.write(buf, 0, 1), arrivals)).isEqualTo(1000L << 16 | 1);
    }

    @Test
    void aJumpPastTheWindowIsNotReportedAsThousandsLost() {
        feedback.onPacket(0, 7, MS);
        feedback.onPacket(20_000, 7, 2 * MS);

        long header = TransportFeedback.read(buf, 0, feedback.write(buf, 0, 1), arrivals);

        assertThat(header).isEqualTo(20_000L << 16 | 1);
    }

    /**
     * A message from Chrome, padded to a word: read whole (the length its header says) or as {@link RtcpCompound}
     * gives it, without the padding, the same arrivals.
     */
    @Test
    void aPaddedMessageReadsTheSameWithOrWithoutItsPadding() {
        byte[] chrome = java.util.HexFormat.of().parseHex(
                "afcd0006fa17fa17a7cd3db7000000030096f6002003f84f51000003");
        long[] whole = new long[3];
        long[] unpadded = new long[3];
        assertThat(TransportFeedback.read(chrome, 0, chrome.length, whole)).isEqualTo(3);
        assertThat(TransportFeedback.read(chrome, 0, chrome.length - 3, unpadded)).as("base 0, 3 packets")
                .isEqualTo(3);
        long reference = 0x0096f6L * 64_000;
        assertThat(unpadded).containsExactly(reference + 0xf8 * 250, reference + (0xf8 + 0x4f) * 250,
                reference + (0xf8 + 0x4f + 0x51) * 250);
        assertThat(whole).containsExactly(unpadded);
    }

    @Test
    void malformedMessagesAreRefused() {
        feedback.onPacket(1, 7, MS);
        feedback.onPacket(2, 7, 2 * MS);
        int len = feedback.write(buf, 0, 1);
        assertThat(TransportFeedback.read(buf, 0, len - 4, arrivals)).isEqualTo(-1); // deltas cut off
        assertThat(TransportFeedback.read(buf, 0, 16, arrivals)).isEqualTo(-1);
        assertThat(TransportFeedback.read(buf, 0, len, new long[1])).isEqualTo(-1);
        buf[0] |= 0x20;
        buf[len - 1] = (byte) 200; // padding longer than the message
        assertThat(TransportFeedback.read(buf, 0, len, arrivals)).isEqualTo(-1);
    }
}
