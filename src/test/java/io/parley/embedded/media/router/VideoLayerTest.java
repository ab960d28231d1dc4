package io.parley.embedded.media.router;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A layer's bitrate each report interval, and whether its publisher still sends it. */
class VideoLayerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLayerStopsAfterTwoSilentIntervalsNotOne() {
        VideoLayer layer = new VideoLayer(2, "f", 16);
        long now = System.nanoTime();
        layer.measure(now);
        assertThat(layer.active()).as("nothing yet").isFalse();
        layer.onBytes(125_000);
        layer.measure(now += SECOND);
        assertThat(layer.bitrate).isEqualTo(1_000_000);
        assertThat(layer.active()).isTrue();
        layer.measure(now += SECOND);
        assertThat(layer.bitrate).isZero();
        assertThat(layer.active()).as("one silent second: frames dropped, perhaps").isTrue();
        layer.measure(now += SECOND);
        assertThat(layer.active()).as("two: stopped").isFalse();
        layer.onBytes(1_000);
        layer.measure(now + SECOND);
        assertThat(layer.active()).as("back").isTrue();
    }
}
