package io.parley.embedded.media.rtp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LossDetectorTest {

    private static final long MS = 1_000_000L;

    private final LossDetector detector = new LossDetector(100, 3, 20 * MS);
    private final int[] out = new int[64];

    private int[] collect(long nowNanos) {
        return Arrays.copyOf(out, detector.collect(nowNanos, out));
    }

    @Test
    void reportsGapsAndForgetsArrivals() {
        assertThat(detector.onPacket(10)).isZero();
        assertThat(detector.onPacket(11)).isZero();
        assertThat(detector.onPacket(15)).isEqualTo(3);
        assertThat(detector.missingCount()).isEqualTo(3);
        assertThat(detector.isMissing(13)).isTrue();
        detector.onPacket(13); // arrived late: reordered, not lost
        assertThat(detector.isMissing(13)).isFalse();
        assertThat(collect(0)).containsExactly(12, 14);
    }

    @Test
    void nacksEachPacketAtMostNTimesAtLeastTheIntervalApart() {
        detector.onPacket(1);
        detector.onPacket(3);
        assertThat(collect(0)).containsExactly(2);
        assertThat(collect(10 * MS)).isEmpty();
        assertThat(collect(20 * MS)).containsExactly(2);
        assertThat(collect(40 * MS)).containsExactly(2);
        assertThat(collect(60 * MS)).isEmpty();
        assertThat(collect(500 * MS)).as("three NACKs at most").isEmpty();
        assertThat(detector.isMissing(2)).as("the last NACK's answer is still awaited").isTrue();
        detector.onPacket(2);
        assertThat(detector.missingCount()).isZero();
    }

    /** On a 100 ms path the retry waits for the answer: the interval follows the repairs seen. */
    @Test
    void theRetryIntervalFollowsHowLongRepairsTake() {
        assertThat(detector.retryIntervalNanos()).isEqualTo(20 * MS);
        for (int k = 0; k < 30; k++) {
            int base = 10 * k;
            long t = k * 1000 * MS;
            for (int seq = base; seq < base + 10; seq++) {
                if (seq != base + 2) {
                    detector.onPacket(seq, t);
                }
            }
            assertThat(collect(t)).containsExactly(base + 2);
            detector.onPacket(base + 2, t + 100 * MS);
        }
        assertThat(detector.retryIntervalNanos()).isBetween(140 * MS, 150 * MS);
        detector.onPacket(300, 30_000 * MS);
        detector.onPacket(302, 30_000 * MS);
        assertThat(collect(30_000 * MS)).containsExactly(301);
        assertThat(collect(30_100 * MS)).as("not before the answer could come").isEmpty();
        assertThat(collect(30_150 * MS)).containsExactly(301);
    }

    @Test
    void tooWideAGapIsNotNacked() {
        detector.onPacket(1);
        detector.onPacket(3);
        assertThat(detector.onPacket(3 + 102)).isEqualTo(LossDetector.GAP_TOO_LARGE);
        assertThat(detector.missingCount()).isZero();
        assertThat(collect(0)).isEmpty();
        assertThat(detector.onPacket(3 + 102 + 101)).isEqualTo(100); // exactly maxGap is still NACKed
    }

    @Test
    void gapsAcrossTheWrap() {
        detector.onPacket(65533);
        assertThat(detector.onPacket(2)).isEqualTo(4);
        assertThat(collect(0)).containsExactly(65534, 65535, 0, 1);
    }

    @Test
    void forgetsPacketsThatFellOutOfTheWindow() {
        detector.onPacket(0);
        detector.onPacket(2); // 1 missing
        for (int seq = 3; seq < 3 + 600; seq++) {
            detector.onPacket(seq);
        }
        assertThat(detector.isMissing(1)).isFalse();
        assertThat(detector.missingCount()).isZero();
        assertThat(collect(0)).isEmpty();
    }

    @Test
    void oldAndDuplicatePacketsChangeNothing() {
        detector.onPacket(1000);
        assertThat(detector.onPacket(1000)).isZero();
        assertThat(detector.onPacket(10)).isZero();
        assertThat(detector.missingCount()).isZero();
    }

    @Test
    void collectStopsWhenTheOutputIsFull() {
        detector.onPacket(0);
        detector.onPacket(11);
        int[] small = new int[4];
        assertThat(detector.collect(0, small)).isEqualTo(4);
        assertThat(small).containsExactly(1, 2, 3, 4);
        assertThat(detector.collect(0, out)).isEqualTo(6);
        assertThat(out[0]).isEqualTo(5);
    }
}
