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
        assertThat(detector.missingCount()).isZero();
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
