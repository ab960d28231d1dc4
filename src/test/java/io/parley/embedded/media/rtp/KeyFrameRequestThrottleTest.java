package io.parley.embedded.media.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFrameRequestThrottleTest {

    private static final long MS = 1_000_000L;

    @Test
    void atMostOneRequestPer500Milliseconds() {
        KeyFrameRequestThrottle throttle = new KeyFrameRequestThrottle();
        assertThat(throttle.shouldRequest(0)).isTrue();
        assertThat(throttle.shouldRequest(100 * MS)).isFalse();
        assertThat(throttle.shouldRequest(499 * MS)).isFalse();
        assertThat(throttle.shouldRequest(500 * MS)).isTrue();
        assertThat(throttle.shouldRequest(900 * MS)).isFalse();
        assertThat(throttle.shouldRequest(1000 * MS)).isTrue();
    }

    @Test
    void manyJoinersCauseOneRequest() {
        KeyFrameRequestThrottle throttle = new KeyFrameRequestThrottle();
        int requests = 0;
        for (int joiner = 0; joiner < 50; joiner++) {
            if (throttle.shouldRequest(5_000 * MS + joiner * MS)) {
                requests++;
            }
        }
        assertThat(requests).isEqualTo(1);
    }

    @Test
    void worksAcrossNanoTimeOverflowAndReset() {
        KeyFrameRequestThrottle throttle = new KeyFrameRequestThrottle();
        assertThat(throttle.shouldRequest(Long.MAX_VALUE - 100 * MS)).isTrue();
        assertThat(throttle.shouldRequest(Long.MAX_VALUE)).isFalse();
        assertThat(throttle.shouldRequest(Long.MIN_VALUE + 400 * MS)).isTrue();
        throttle.reset();
        assertThat(throttle.shouldRequest(Long.MIN_VALUE + 401 * MS)).isTrue();
    }
}
