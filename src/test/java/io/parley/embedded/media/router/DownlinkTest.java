package io.parley.embedded.media.router;

import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One participant's subscriptions choosing their simulcast layers together, from its receiver reports and
 * transport-wide feedback: up one step at a time while nothing is lost or queued, back down when a trial loses or
 * queues, and the next trial later.
 */
class DownlinkTest {

    private static final long SECOND = 1_000_000_000L;
    private final Downlink downlink = new Downlink();
    private final Consumer ada = subscription("ada");
    private final Consumer grace = subscription("grace");
    private long now = 1_000 * SECOND;

    @Test
    void withoutLossEverySubscriptionClimbsOneStepAtATime() {
        report();
        assertThat(targets()).as("one trial at a time").containsExactlyInAnyOrder(1, 0);
        switchToTargets();
        report();
        assertThat(targets()).as("within the trial's grace nothing else moves").containsExactlyInAnyOrder(1, 0);
        now += DownlinkProbe.GRACE_NANOS;
        report();
        assertThat(targets()).as("the trial held: the other climbs").containsExactly(1, 1);
        switchToTargets();
        now += DownlinkProbe.GRACE_NANOS;
        report();
        assertThat(targets()).containsExactlyInAnyOrder(2, 1);
    }

    @Test
    void aTrialThatLosesStepsBackAndTheNextWaits() {
        report();
        Consumer tried = ada.selection().target() == 1 ? ada : grace;
        switchToTargets();
        now += SECOND;
        tried.lost(40, now);
        report();
        assertThat(tried.selection().target()).as("back to the lowest").isEqualTo(0);
        assertThat(downlink.probe().failures()).isEqualTo(1);
        switchToTargets();
        now += 3 * SECOND;
        report();
        assertThat(targets()).as("no trial before the backoff").containsExactly(0, 0);
        now += DownlinkProbe.FIRST_BACKOFF_NANOS;
        report();
        assertThat(targets()).as("tried again after it").containsExactlyInAnyOrder(1, 0);
    }

    /**
     * A link that loses 5% of what it carries, whatever it carries: no layer is tried up while its reports say so,
     * though single reports dip under the mark now and then, and once its loss has gone the next report tries one.
     */
    /** A new subscription on the downlink: nothing is tried up until its browser has said what it loses. */
    @Test
    void noLayerIsTriedBeforeTheFirstReceiverReport() {
        Consumer linus = unreported("linus");
        report();
        assertThat(List.of(ada, grace, linus)).as("the new subscription's loss unknown")
                .allMatch(subscription -> subscription.selection().target() == 0);
        linus.lost(0, now);
        report();
        assertThat(List.of(ada, grace, linus)).as("its link is clean: one is tried")
                .anyMatch(subscription -> subscription.selection().target() == 1);
    }

    @Test
    void aLinkThatLosesSteadilyTriesNoLayerUp() {
        int[] fractions = {13, 15, 4, 12, 14, 3, 13, 11}; // around 13/256 = 5%, each a draw of about a hundred packets
        for (int fraction : fractions) {
            ada.lost(fraction, now);
            grace.lost(fraction, now);
            report();
            assertThat(targets()).as("held on the lossy link").containsExactly(0, 0);
            now += SECOND;
        }
        assertThat(ada.steadyLoss(now, Downlink.LOSS_MAX_AGE_NANOS)).isBetween(0.03, 0.06);
        for (int i = 0; i < 8 && targets().equals(List.of(0, 0)); i++) {
            ada.lost(0, now);
            grace.lost(0, now);
            report();
            now += SECOND;
        }
        assertThat(targets()).as("the loss has gone: a trial").containsExactlyInAnyOrder(1, 0);
        assertThat(downlink.probe().failures()).isZero();
    }

    /** NACKs during a trial are the first sign of a full downlink: the trial ends at once. */
    @Test
    void nacksDuringATrialEndItAtOnce() {
        report();
        Consumer tried = ada.selection().target() == 1 ? ada : grace;
        downlink.nacked(Downlink.TRIAL_NACKS - 1, now);
        assertThat(tried.selection().target()).isEqualTo(1);
        downlink.nacked(1, now);
        assertThat(tried.selection().target()).isEqualTo(0);
        assertThat(downlink.probe().failures()).isEqualTo(1);
        downlink.nacked(10, now);
        assertThat(downlink.probe().failures()).as("no trial, nothing to fail").isEqualTo(1);
    }

    /** Many NACKs outside a trial: the queue overflows, the highest steps down at once and once per report. */
    @Test
    void manyNacksOutsideATrialStepTheHighestDownAtOnce() {
        ada.selection().target(2);
        ada.selection().accept(2, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        downlink.probe().failed(now);
        downlink.nacked(Downlink.CONGESTED_NACKS - 1, now);
        assertThat(ada.selection().target()).as("a few NACKs are random loss").isEqualTo(2);
        downlink.nacked(1, now);
        assertThat(ada.selection().target()).isEqualTo(1);
        assertThat(ada.selection().accept(2, false, 2, 3001, VideoLayer.NO_TIMESTAMP, -1, -1, now))
                .as("the full downlink's top layer stops before layer 1's key frame comes").isFalse();
        assertThat(ada.selection().accept(1, true, 7, 9, VideoLayer.NO_TIMESTAMP, -1, -1, now)).isTrue();
        assertThat(ada.selection().current()).isEqualTo(1);
        downlink.nacked(3 * Downlink.CONGESTED_NACKS, now);
        assertThat(ada.selection().target()).as("once per report").isEqualTo(1);
        ada.lost(40, now);
        report();
        assertThat(ada.selection().target()).as("the report's losses were the same ones").isEqualTo(1);
    }

    /**
     * A trial whose downlink queues: the round trip from a forwarded sender report to the receiver report answering
     * it grows by more than the trial may add, though nothing is lost yet, and the trial fails. A round trip that
     * only wobbles does not.
     */
    @Test
    void aTrialThatMakesTheRoundTripGrowFails() {
        long ntp = 0xE8F1_2345_0000_0000L;
        ada.roundTrip().senderReportSent(ntp, now);
        ada.roundTrip().answered((ntp >>> 16) & 0xFFFF_FFFFL, 65_536 / 64, now + 35_625_000L); // held 15.625 ms
        assertThat(ada.roundTrip().queueingNanos(now + SECOND, 2 * SECOND)).as("the shortest round trip so far")
                .isZero();
        report();
        Consumer tried = ada.selection().target() == 1 ? ada : grace;
        switchToTargets();
        now += SECOND;
        ada.roundTrip().senderReportSent(ntp + (1L << 32), now);
        ada.roundTrip().answered(((ntp + (1L << 32)) >>> 16) & 0xFFFF_FFFFL, 0, now + 90_000_000L);
        report();
        assertThat(downlink.probe().failures()).as("70 ms more: a wobble").isZero();
        now += SECOND;
        ada.roundTrip().senderReportSent(ntp + (2L << 32), now);
        ada.roundTrip().answered(((ntp + (2L << 32)) >>> 16) & 0xFFFF_FFFFL, 0, now + 250_000_000L);
        assertThat(ada.roundTrip().queueingNanos(now + 250_000_000L, 2 * SECOND)).isEqualTo(230_000_000L);
        report();
        assertThat(downlink.probe().failures()).as("230 ms more: a queue").isEqualTo(1);
        assertThat(tried.selection().target()).as("back down").isZero();
    }

    /**
     * A subscriber whose transport-wide feedback shows no queue: a round trip that grew is its browser answering
     * late, not a queue, and the trial goes on.
     */
    @Test
    void aLongerRoundTripIsNoQueueWhereFeedbackShowsNone() {
        long ntp = 0xE8F1_2345_0000_0000L;
        ada.roundTrip().senderReportSent(ntp, now);
        ada.roundTrip().answered((ntp >>> 16) & 0xFFFF_FFFFL, 0, now + 20_000_000L);
        report();
        Consumer tried = ada.selection().target() == 1 ? ada : grace;
        switchToTargets();
        now += SECOND;
        ada.roundTrip().senderReportSent(ntp + (1L << 32), now);
        ada.roundTrip().answered(((ntp + (1L << 32)) >>> 16) & 0xFFFF_FFFFL, 0, now + 320_000_000L);
        feedback(ada, 0);
        feedback(grace, 5);
        report();
        assertThat(downlink.probe().failures()).as("300 ms more, no queue in the feedback").isZero();
        assertThat(tried.selection().target()).isEqualTo(1);
    }

    /**
     * A capacity that fell, found outside a trial: the next trial waits the backoff, as after a failed one, instead of
     * starting at the next report into the queue that is still draining.
     */
    @Test
    void aStepDownOutsideATrialHoldsTheNextTrialOff() {
        ada.selection().target(1);
        grace.selection().target(1);
        switchToTargets();
        downlink.nacked(Downlink.CONGESTED_NACKS, now);
        assertThat(targets()).as("one steps down").containsExactlyInAnyOrder(0, 1);
        switchToTargets();
        now += SECOND;
        report();
        now += SECOND;
        report();
        assertThat(targets()).as("no trial within the backoff").containsExactlyInAnyOrder(0, 1);
        now += DownlinkProbe.FIRST_BACKOFF_NANOS;
        report();
        assertThat(targets()).as("tried again after the backoff").containsExactlyInAnyOrder(1, 1);
    }

    @Test
    void lossesWithoutATrialStepTheHighestDownAndAHiddenTileGetsNothing() {
        ada.selection().target(2);
        ada.selection().accept(2, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        grace.selection().target(1);
        grace.selection().accept(1, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        grace.lost(30, now);
        downlink.probe().failed(now);
        report();
        assertThat(targets()).as("Ada, the highest, steps down").containsExactly(1, 1);
        grace.maxHeight(0);
        report();
        assertThat(grace.selection().target()).isEqualTo(LayerSelection.NONE);
    }

    @Test
    void aTileThatShowsNoMoreIsNotClimbed() {
        ada.maxHeight(120);
        grace.maxHeight(120);
        report();
        assertThat(targets()).containsExactly(0, 0);
    }

    /** A tile made smaller gets its layer at once: no step at a time, it only costs the downlink less. */
    @Test
    void aTileMadeSmallerGetsTheSmallestLayerAsTallAsItAtOnce() {
        ada.selection().target(2);
        ada.selection().accept(2, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        ada.maxHeight(200);
        report();
        assertThat(ada.selection().target()).as("240 is the smallest at least 200 tall").isEqualTo(1);
        assertThat(ada.selection().accept(2, false, 2, 3001, VideoLayer.NO_TIMESTAMP, -1, -1, now))
                .as("no congestion: the top layer goes on until layer 1's key frame").isTrue();
        ada.maxHeight(100);
        report();
        assertThat(ada.selection().target()).isEqualTo(0);
    }

    /** The publisher's browser stopped the top layer (its uplink or CPU fell): the one below, at the next report. */
    @Test
    void aLayerThePublisherStoppedIsLeftForTheHighestStillSending() {
        ada.selection().target(2);
        ada.selection().accept(2, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        ada.link().producer().layers()[2].bitrate = 0;
        report();
        assertThat(ada.selection().target()).isEqualTo(1);
        ada.link().producer().layers()[1].bitrate = 0;
        ada.selection().accept(1, true, 2, 2, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        report();
        assertThat(ada.selection().target()).isEqualTo(0);
    }

    /**
     * A subscriber that takes RTX is first tried with padding at what the next layer costs more: its layer moves only
     * once the padding went through.
     */
    @Test
    void withRtxATrialIsPaddingFirstAndTheLayerMovesOnlyAfterIt() {
        ada.useRtx(97);
        grace.useRtx(97);
        report();
        assertThat(targets()).as("no layer moves while padding").containsExactly(0, 0);
        Consumer padded = downlink.padded();
        assertThat(padded).isNotNull();
        assertThat(downlink.probe().paddingBitrate()).as("layer 1 costs 100 kbit/s more; at least the minimum")
                .isEqualTo(DownlinkProbe.MIN_PADDING_BITRATE);
        downlink.probe().paddingDue(now);
        now += SECOND / 10;
        assertThat(downlink.probe().paddingDue(now)).as("100 ms of 200 kbit/s").isEqualTo(2_500);
        now += SECOND / 2;
        report();
        assertThat(targets()).as("padding not done yet").containsExactly(0, 0);
        now += DownlinkProbe.PADDING_NANOS;
        report();
        assertThat(padded.selection().target()).as("the padding went through: the layer itself").isEqualTo(1);
        assertThat(downlink.padded()).isNull();
        switchToTargets();
        now += DownlinkProbe.GRACE_NANOS;
        report();
        assertThat(downlink.padded()).as("the trial held: the next one pads").isNotNull();
    }

    /** NACKs while padding: the downlink is full. No layer moved, so none moves back; trials wait, up to a cap. */
    @Test
    void nacksWhilePaddingFailTheTrialWithoutTouchingALayer() {
        ada.useRtx(97);
        grace.useRtx(97);
        report();
        List<Long> waits = new java.util.ArrayList<>();
        for (int trial = 0; trial < 5; trial++) {
            assertThat(downlink.padded()).as("trial " + trial + " pads").isNotNull();
            downlink.nacked(Downlink.TRIAL_NACKS, now);
            assertThat(downlink.padded()).isNull();
            assertThat(targets()).as("no layer moved, none moves back").containsExactly(0, 0);
            long failedAt = now;
            do {
                now += SECOND;
                report();
            } while (downlink.padded() == null);
            waits.add((now - failedAt) / SECOND);
        }
        assertThat(downlink.probe().failures()).isEqualTo(5);
        assertThat(waits).as("seconds to the next trial: doubling, then capped")
                .containsExactly(4L, 6L, 6L, 6L, 6L);
    }

    /**
     * A trial's padding into a downlink without room: the subscriber's feedback shows the queue it builds, and the
     * trial ends then, before the queue overflows into anything a NACK would say.
     */
    @Test
    void aQueueBuildingUnderATrialsPaddingEndsItBeforeAnythingIsLost() {
        ada.useRtx(97);
        grace.useRtx(97);
        report();
        Consumer padded = downlink.padded();
        assertThat(padded).isNotNull();
        feedback(padded, 0);
        feedback(padded, 40);
        assertThat(downlink.padded()).as("40 ms: jitter, a burst").isNotNull();
        feedback(padded, 70);
        assertThat(downlink.padded()).as("70 ms in one message: a burst, a late read").isNotNull();
        feedback(padded, 65);
        assertThat(downlink.padded()).as("65 ms: over the limit, but draining").isNotNull();
        feedback(padded, 90);
        assertThat(downlink.padded()).as("over it and longer: a queue the padding builds").isNull();
        assertThat(downlink.probe().failures()).isEqualTo(1);
        assertThat(targets()).as("no layer moved").containsExactly(0, 0);
        now += SECOND;
        report();
        assertThat(downlink.padded()).as("the next trial waits the backoff").isNull();
    }

    /**
     * Padding counts as carried only once the subscriber's feedback reported it, nearly to its end, with no queue:
     * its time alone is not enough, since the feedback telling of its queue may still be on the way. The layer then
     * moves at that feedback, not at the next report.
     */
    @Test
    void paddingIsCarriedOnlyOnceFeedbackReportedItWithoutAQueue() {
        ada.useRtx(97);
        grace.useRtx(97);
        report();
        Consumer padded = downlink.padded();
        assertThat(padded).isNotNull();
        long started = now;
        feedback(padded, 0);
        now = started + DownlinkProbe.PADDING_NANOS;
        report();
        assertThat(downlink.padded()).as("its time is up, but feedback told only of its first 62 ms").isNotNull();
        assertThat(padded.selection().target()).isZero();
        feedback(padded, 20);
        assertThat(downlink.padded()).as("reported to its end, no queue: the layer itself").isNull();
        assertThat(padded.selection().target()).isEqualTo(1);
        assertThat(downlink.probe().failures()).isZero();
    }

    /** Padding whose feedback never comes through: after twice its time the trial fails, and no layer moved. */
    @Test
    void paddingThatFeedbackNeverReportsFailsAfterTwiceItsTime() {
        ada.useRtx(97);
        grace.useRtx(97);
        report();
        Consumer padded = downlink.padded();
        feedback(padded, 0);
        long started = now;
        now = started + DownlinkProbe.PADDING_NANOS + SECOND / 2;
        report();
        assertThat(downlink.padded()).as("still waiting for word").isNotNull();
        now = started + 2 * DownlinkProbe.PADDING_NANOS;
        report();
        assertThat(downlink.padded()).isNull();
        assertThat(downlink.probe().failures()).isEqualTo(1);
        assertThat(targets()).containsExactly(0, 0);
    }

    /**
     * A capacity that fell, outside a trial: the queue steps the highest subscription down before the receiver
     * reports lose anything, once, and not again while the queue it left drains; a queue that is back afterwards
     * steps down again.
     */
    @Test
    void aStandingQueueStepsTheHighestDownOnceAndAgainOnlyAfterItDrained() {
        ada.selection().target(2);
        ada.selection().accept(2, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        downlink.probe().failed(now);
        feedback(ada, 0);
        feedback(grace, 0);
        feedback(ada, 350);
        feedback(ada, 360);
        assertThat(ada.selection().target()).as("350 ms of queue for 60 ms of sending: a stall, perhaps")
                .isEqualTo(2);
        feedback(ada, 370);
        assertThat(ada.selection().target()).as("for 120 ms: full").isEqualTo(1);
        ada.selection().accept(1, true, 7, 9, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        feedback(ada, 330);
        feedback(grace, 310);
        assertThat(ada.selection().target()).as("the queue the step down left, draining").isEqualTo(1);
        ada.lost(40, now);
        report();
        assertThat(ada.selection().target()).as("the losses that queue overflowed into were counted").isEqualTo(1);
        feedback(ada, 10);
        feedback(ada, 350);
        feedback(ada, 350);
        feedback(ada, 350);
        assertThat(ada.selection().target()).as("drained, and full again").isZero();
    }

    /** One feedback message from the subscriber's browser: two packets sent now, queued {@code queueMillis}. */
    private void feedback(Consumer subscription, long queueMillis) {
        DownlinkQueue queue = subscription.queue();
        long[] arrivals = new long[2];
        int base = queue.sent(now);
        queue.sent(now);
        arrivals[0] = now / 1_000 + 20_000 + queueMillis * 1_000; // a 20 ms path on the receiver's clock
        arrivals[1] = arrivals[0] + 1_000;
        assertThat(queue.onFeedback(base, 2, arrivals, now)).isTrue();
        downlink.queueMeasured(queue, now);
        now += SECOND / 16;
    }

    /** The publisher is told to send the layers some tile asks for, the lowest always, the top for the recorder. */
    @Test
    void thePublisherNeedsTheLayersTheTilesAskForAndTheRecorderTheTop() {
        Producer stream = ada.link().producer();
        assertThat(LayerDemand.layersNeeded(stream)).as("no size told: the top").isEqualTo(3);
        ada.maxHeight(240);
        assertThat(LayerDemand.layersNeeded(stream)).isEqualTo(2);
        ada.maxHeight(0);
        assertThat(LayerDemand.layersNeeded(stream)).as("hidden: the lowest only").isEqualTo(1);
        stream.tap = new RtpObserver() {
            @Override
            public void streamStarted(String streamId, boolean hasAudio, boolean hasVideo) {
            }

            @Override
            public void onRtp(String streamId, boolean video, byte[] packet, int length, long arrivalNanos) {
            }

            @Override
            public void onSenderReport(String streamId, boolean video, long ntpTimestamp, long rtpTimestamp) {
            }

            @Override
            public void streamEnded(String streamId) {
            }
        };
        assertThat(LayerDemand.layersNeeded(stream)).as("recorded").isEqualTo(3);
        stream.tap = null;
        stream.layers()[1].height = 0;
        ada.maxHeight(200);
        assertThat(LayerDemand.layersNeeded(stream)).as("a layer of unknown height: the top").isEqualTo(3);
        stream.layers()[1].height = 240;
        stream.layers()[1].bitrate = 0;
        ada.maxHeight(240);
        assertThat(LayerDemand.fit(stream.layers(), 240)).as("240 paused: the one below").isEqualTo(0);
    }

    private void report() {
        downlink.allocate(now);
    }

    private List<Integer> targets() {
        return List.of(ada.selection().target(), grace.selection().target());
    }

    /** The key frames came: each selection is on its target. */
    private void switchToTargets() {
        for (Consumer subscription : List.of(ada, grace)) {
            int target = subscription.selection().target();
            subscription.selection().accept(target, true, 100, 1000, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        }
    }

    private Consumer subscription(String id) {
        Consumer subscription = unreported(id);
        subscription.lost(0, now); // its first receiver report: nothing lost
        return subscription;
    }

    private Consumer unreported(String id) {
        Producer stream = new Producer("stream-" + id);
        WebRtcTransport publisherLink = new WebRtcTransport("session", "pub-" + id, WebRtcTransport.Kind.PUBLISHER,
                agent(), () -> { });
        stream.publisher("session", publisherLink, 96, 111, ExtensionIds.translation(OptionalInt.empty()));
        stream.simulcast(List.of("q", "h", "f"), 10, 11);
        int[] heights = {120, 240, 480};
        for (VideoLayer layer : stream.layers()) {
            layer.bitrate = 100_000L << layer.index;
            layer.height = heights[layer.index];
        }
        WebRtcTransport link = new WebRtcTransport("session", "sub-" + id, WebRtcTransport.Kind.SUBSCRIBER, agent(),
                () -> { });
        Consumer subscription = new Consumer(link, 1, 2, 96, 111, 3);
        link.carries(stream, subscription);
        stream.add(subscription);
        downlink.add(subscription);
        // as forwarding does before the first choice: the lowest layer, from its key frame
        subscription.selection().target(0);
        subscription.selection().accept(0, true, 1, 1, VideoLayer.NO_TIMESTAMP, -1, -1, now);
        return subscription;
    }

    private static IceLiteAgent agent() {
        return new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime());
    }
}
