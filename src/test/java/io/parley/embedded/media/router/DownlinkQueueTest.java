package io.parley.embedded.media.router;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queueing on a subscriber's downlink from its transport-wide feedback: one-way delays over the smallest seen,
 * each message by its smallest, on a receiver clock with an offset of its own.
 */
class DownlinkQueueTest {

    private static final long MS = 1_000_000L;
    /** Where the receiver's clock is when the router's is at {@link #now}: any offset, here 7,000 s ahead. */
    private static final long RECEIVER_OFFSET_MICROS = 7_000_000_000L;
    private long now = 1_000_000 * MS;
    private final DownlinkQueue queue = new DownlinkQueue(now);

    @Test
    void theSmallestDelayIsTheEmptyPathAndEachMessageCountsByItsSmallest() {
        assertThat(message(20, 20, 20)).isTrue();
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("the first message is the baseline").isZero();
        message(30, 25, 40);
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("25 ms over 20: the message's smallest")
                .isEqualTo(5 * MS);
        message(90, 110, 300);
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("a burst's first packet waits for nothing")
                .isEqualTo(70 * MS);
        message(15, 16, 15);
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("a shorter path: the new baseline").isZero();
        now += 2_000 * MS;
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("no feedback for two seconds: nothing known").isZero();
    }

    /**
     * A queue stands when every message about 250 ms of sending showed one (messages 60 ms apart here), or when the
     * packets sent over 100 ms found one of over 300 ms: a burst, or a receiver that read late for a moment, does not.
     */
    @Test
    void aQueueStandsWhenItLasts() {
        message(20, 20);
        message(100, 100);
        assertThat(queue.standing()).as("one message 80 ms over: a burst, a late read").isFalse();
        message(30, 30);
        for (int i = 0; i < 5; i++) {
            message(110, 120);
            assertThat(queue.standing()).as("over for " + i * 60 + " ms of sending").isFalse();
        }
        message(110, 120);
        assertThat(queue.standing()).as("over for 300 ms: a queue").isTrue();
        message(30, 30);
        assertThat(queue.standing()).as("drained").isFalse();
        spread(300, 110, 100, 120, 90);
        assertThat(queue.standing()).as("one message about 300 ms of sending, every packet late").isTrue();
    }

    @Test
    void aQueueFarOverStandsOnceAFewPacketsFoundIt() {
        message(20, 20);
        message(500);
        assertThat(queue.standing()).as("one packet read 480 ms late: a stalled receiver").isFalse();
        message(30, 30);
        message(340, 350);
        assertThat(queue.standing()).as("two packets sent together").isFalse();
        message(400, 420);
        assertThat(queue.standing()).as("packets sent over 60 ms").isFalse();
        message(450);
        assertThat(queue.standing()).as("over 120 ms of sending: full").isTrue();
        message(30);
        spread(120, 330, 340, 350);
        assertThat(queue.standing()).as("one message about 120 ms of sending").isTrue();
    }

    @Test
    void theBaselineAgesSoThatALongerPathIsLearnt() {
        message(20, 20);
        for (int i = 0; i < 10; i++) {
            now += 3_000 * MS; // a route that got 40 ms longer
            message(60, 60);
        }
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("after the baseline's window: no queue, a longer path")
                .isZero();
    }

    @Test
    void aClockThatJumpsStartsANewBaselineAndForgottenOrLostPacketsSayNothing() {
        message(20, 20);
        message(20 + 3_600_000, 20 + 3_600_000); // the receiver's reference time wrapped, say
        assertThat(queue.queueingNanos(now, 1_000 * MS)).as("an hour is no queue").isZero();
        long[] lost = {-1, -1};
        int base = queue.sent(now);
        queue.sent(now);
        assertThat(queue.onFeedback(base, 2, lost, now)).as("nothing arrived").isFalse();
        long[] unknown = {RECEIVER_OFFSET_MICROS};
        assertThat(queue.onFeedback((base + 100) & 0xFFFF, 1, unknown, now)).as("never sent").isFalse();
    }

    /** Packets sent one after the other over {@code spanMillis}, and one message saying when each arrived. */
    private boolean spread(long spanMillis, long... delaysMillis) {
        long[] arrivals = new long[delaysMillis.length];
        int base = -1;
        long start = now;
        for (int i = 0; i < delaysMillis.length; i++) {
            now = start + spanMillis * MS * i / (delaysMillis.length - 1);
            int sequence = queue.sent(now);
            base = i == 0 ? sequence : base;
            arrivals[i] = now / 1_000 + RECEIVER_OFFSET_MICROS + delaysMillis[i] * 1_000;
        }
        boolean said = queue.onFeedback(base, delaysMillis.length, arrivals, now);
        now += 60 * MS;
        return said;
    }

    /** Packets sent now, one per delay, and the feedback saying each arrived that many ms later. */
    private boolean message(long... delaysMillis) {
        long[] arrivals = new long[delaysMillis.length];
        int base = -1;
        for (int i = 0; i < delaysMillis.length; i++) {
            int sequence = queue.sent(now);
            base = i == 0 ? sequence : base;
            arrivals[i] = now / 1_000 + RECEIVER_OFFSET_MICROS + delaysMillis[i] * 1_000;
        }
        boolean said = queue.onFeedback(base, delaysMillis.length, arrivals, now);
        now += 60 * MS;
        return said;
    }
}
