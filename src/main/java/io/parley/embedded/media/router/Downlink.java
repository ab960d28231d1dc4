package io.parley.embedded.media.router;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * One participant's downlink: all its subscriptions share it, so their simulcast layers are chosen together, one
 * step at a time, from what the participant's browser reports (transport-wide feedback and RTCP receiver reports,
 * RFC 3550 §6.4.2).
 *
 * <p>Every subscription starts on its lowest layer, so that all of them show something on any downlink. A downlink
 * whose queue stands ({@link DownlinkQueue}, from the subscriber's transport-wide feedback) is full, and so is one
 * that lost more than {@link #CONGESTED_LOSS} of some video in its last reports (or NACKed many packets between two):
 * the subscription on the highest layer steps down one. The queue says so first, a feedback interval or two after the
 * capacity fell and before the queue overflows, so the step down loses nothing; losses remain the sign for a
 * subscriber that sends no feedback. Otherwise, when no trial is under way or waiting, the
 * subscription whose next layer costs least more (and whose tile shows more) is tried one up ({@link DownlinkProbe}):
 * first with padding at what that layer costs more, then, if that went through, on the layer itself. A standing
 * queue, NACKs or losses during either undo it, and the next trial waits, longer each time. So a strong downlink
 * reaches every top layer in a few seconds, and a weak one is tried rarely and gently: its trial's padding shows as
 * queueing long before anything is lost. Not the receiver's REMB: a receive-side estimate never says more than about
 * one and a half times what arrives, so it cannot tell a downlink with room from one that is full. Media thread
 * only.
 */
final class Downlink {

    private static final Logger LOG = Logger.getLogger(Downlink.class);

    static final double CONGESTED_LOSS = 0.05;
    /**
     * A steady loss (see {@link Consumer#steadyLoss}) at which no layer is tried up: the link loses packets of its
     * own, and a trial could not tell that loss from its own overload, so it would fail after its switch and cost two
     * key frames on the lossy link each time (seen: 5% random loss, trials every few seconds, 12 fps). GCC holds its
     * rate there too, between 2% and 10% (draft-ietf-rmcat-gcc-02 §6); RTX repairs the loss on the current layers.
     * Nor before the subscriber's first receiver report (a second or so in): what it loses is not known yet.
     */
    static final double LOSSY_LINK = 0.02;
    /** Packets a subscription may NACK during a trial before the trial counts as failed. */
    static final int TRIAL_NACKS = 3;
    static final long LOSS_MAX_AGE_NANOS = 2_500_000_000L;
    /**
     * Packets NACKed between two reports, outside trials, that say the downlink is full before a receiver report
     * does: random loss of a few percent NACKs fewer than this, a queue overflowing under a top layer many more.
     */
    static final int CONGESTED_NACKS = 12;
    /**
     * What a trial may add to the round trip before it counts as failed: a queue filling up. A downlink's queue can
     * hold a trial's padding for a second or two without a loss (a home router's holds 200 ms and more), and the
     * next layer itself, more than padding, then overflows it and freezes the picture; the delay says so first.
     */
    static final long TRIAL_QUEUEING_NANOS = 100_000_000L;
    /**
     * Padding counts as carried only once feedback reported what was sent this far into it with no queue: its time
     * alone said so, and the switch came while the feedback that told of its queue was still on the way.
     */
    static final long PADDING_REPORTED_NANOS = DownlinkProbe.PADDING_NANOS - 200_000_000L;
    /** How long a queue a step down left may take to drain before it counts again. */
    static final long DRAIN_NANOS = 1_500_000_000L;

    private final List<Consumer> subscriptions = new ArrayList<>();
    private final DownlinkProbe probe = new DownlinkProbe();
    private Consumer trying;
    /** Until when a standing queue is the one a step down or a failed trial left, still draining. */
    private long drainingUntil;
    private boolean draining;
    private int trialNacks;
    private int nacksSinceReport;
    private boolean steppedDownSinceReport;

    void add(Consumer subscription) {
        subscriptions.add(subscription);
        subscription.downlink(this);
    }

    void remove(Consumer subscription) {
        subscriptions.remove(subscription);
        if (trying == subscription) {
            trying = null;
            probe.succeeded();
        }
    }

    boolean isEmpty() {
        return subscriptions.isEmpty();
    }

    List<Consumer> subscriptions() {
        return subscriptions;
    }

    /** The video bitrate all its subscriptions get now (the padding of a trial aside). */
    long videoBitrate() {
        long bitrate = 0;
        for (Consumer subscription : subscriptions) {
            bitrate += subscription.videoBitrate();
        }
        return bitrate;
    }

    DownlinkProbe probe() {
        return probe;
    }

    /**
     * Media thread: the subscriber NACKed {@code count} packets the router had sent it (the gaps a publisher's
     * uplink left are no sign of this downlink's state). During a trial that is the first sign of a full
     * downlink, a round trip after it, well before a receiver report says so: the trial ends at once, before its
     * queue costs every stream on the downlink their pictures.
     */
    void nacked(int count, long nowNanos) {
        if (trying == null) {
            nacksSinceReport += count;
            if (nacksSinceReport >= CONGESTED_NACKS && !steppedDownSinceReport) {
                // a round trip after the queue overflowed, up to a second before the receiver report says so
                steppedDownSinceReport = stepHighestDown(nowNanos, "NACKs");
            }
            return;
        }
        trialNacks += count;
        if (trialNacks >= TRIAL_NACKS) {
            endTrialFailed(nowNanos, "NACKs");
        }
    }

    /**
     * Media thread: a subscription's transport-wide feedback measured its queue. A queue that stands says that the
     * downlink carries less than it is sent, a feedback interval or two after it began and before it overflows: a
     * trial ends at once, else the highest subscription steps down one. Under a trial's padding, a queue building up
     * ({@link DownlinkQueue#building}) is enough: the padding is the load that builds it, and waiting for one that
     * stands let the test network's 200 ms queue overflow into the current layer. Feedback that reports the padding
     * nearly to its end with no queue switches the layer. The queue then drains for a few hundred ms; until it has,
     * or {@link #DRAIN_NANOS} passed, it is not taken for another sign. Returns whether the queue ended a trial or
     * stepped a layer down.
     */
    boolean queueMeasured(DownlinkQueue queue, long nowNanos) {
        boolean padding = trying != null && probe.padding();
        if (!queue.standing() && !(padding && queue.building())) {
            if (queue.queueingNanos(nowNanos, LOSS_MAX_AGE_NANOS) <= DownlinkQueue.STANDING_QUEUE_NANOS) {
                draining = false;
            }
            if (padding && queue == trying.queue() && paddingCarried(nowNanos)) {
                switchAfterPadding(nowNanos);
            }
            return false;
        }
        if (draining && nowNanos - drainingUntil < 0) {
            return false;
        }
        if (trying != null) {
            endTrialFailed(nowNanos, queue.standing() ? "standing queue" : "queue building");
        } else if (stepHighestDown(nowNanos, "standing queue")) {
            steppedDownSinceReport = true; // the losses that queue may yet overflow into are counted already
        } else {
            return false;
        }
        draining = true;
        drainingUntil = nowNanos + DRAIN_NANOS;
        return true;
    }

    /** The subscription whose trial is sending padding now, or null. */
    Consumer padded() {
        return trying != null && probe.padding() ? trying : null;
    }

    private void endTrialFailed(long nowNanos, String why) {
        // padding changed no layer; a switched layer goes back down
        boolean switched = !probe.padding();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Trial of layer %d of %s for %s failed %s (%s)", probe.trying(), streamOf(trying),
                    trying.link().linkId(), switched ? "on the layer" : "under padding", why);
        }
        probe.failed(nowNanos);
        if (switched) {
            stepDown(trying);
        }
        trying = null;
    }

    /** Each report, after the layers' bitrates were measured: at most one subscription changes layer. */
    void allocate(long nowNanos) {
        boolean steppedDown = steppedDownSinceReport;
        steppedDownSinceReport = false;
        nacksSinceReport = 0;
        boolean congested = false;
        boolean queueing = false;
        boolean undrained = false;
        boolean lossy = false;
        for (Consumer subscription : subscriptions) {
            congested |= subscription.recentLoss(nowNanos, LOSS_MAX_AGE_NANOS) > CONGESTED_LOSS;
            lossy |= !subscription.lossReported()
                    || subscription.steadyLoss(nowNanos, LOSS_MAX_AGE_NANOS) >= LOSSY_LINK;
            // the round trip is the queue's sign only where no transport-wide feedback measures it: it also counts
            // how late a busy browser gets to the sender report (seen: 100 to 500 ms on an idle loopback, which
            // failed trial after trial), while feedback stamps arrivals as the packets are read
            queueing |= !subscription.queue().fresh(nowNanos, LOSS_MAX_AGE_NANOS)
                    && subscription.roundTrip().queueingNanos(nowNanos, LOSS_MAX_AGE_NANOS) > TRIAL_QUEUEING_NANOS;
            undrained |= subscription.queue().queueingNanos(nowNanos, LOSS_MAX_AGE_NANOS) > 0
                    && subscription.queue().standing();
        }
        for (Consumer subscription : subscriptions) {
            if (subscription.paused()) {
                subscription.selection().target(LayerSelection.NONE);
            }
        }
        for (Consumer subscription : layered()) {
            // a tile made smaller, or a layer the publisher's browser stopped sending (its estimate or its CPU
            // fell): the tile's layer among those sending, at once, since it costs the downlink less
            LayerSelection selection = subscription.selection();
            int on = selection.switching() ? selection.target() : selection.current();
            int fit = LayerDemand.fit(layersOf(subscription), subscription.maxHeight());
            if (!subscription.paused() && on != LayerSelection.NONE && fit != LayerSelection.NONE && on > fit) {
                want(subscription, fit);
            }
        }
        if (trying != null) {
            if (congested || queueing) {
                endTrialFailed(nowNanos, congested ? "losses" : "round trip");
                return;
            }
            if (probe.padding()) {
                if (paddingCarried(nowNanos)) {
                    switchAfterPadding(nowNanos);
                } else if (probe.paddingUnanswered(nowNanos)) {
                    endTrialFailed(nowNanos, "padding unanswered");
                }
                return;
            }
            if (probe.inGrace(nowNanos)) {
                return;
            }
            LOG.debugf("Layer %d of %s fits the downlink of %s", probe.trying(), streamOf(trying),
                    trying.link().linkId());
            probe.succeeded();
            trying = null;
        }
        if (congested) {
            if (!steppedDown) {
                // the NACKs stepped one down already for the losses this report counts
                stepHighestDown(nowNanos, "losses");
            }
            return;
        }
        if (queueing || undrained || lossy || !probe.allowed(nowNanos)) {
            // a queue that has not drained is no room for more, nor is a link that loses what it carries
            return;
        }
        // the cheapest step up: the trial that can cost the downlink least
        Consumer cheapest = null;
        int cheapestNext = LayerSelection.NONE;
        long cheapestCost = Long.MAX_VALUE;
        for (Consumer subscription : layered()) {
            LayerSelection selection = subscription.selection();
            if (subscription.paused() || selection.switching() || selection.current() == LayerSelection.NONE) {
                continue;
            }
            VideoLayer[] layers = layersOf(subscription);
            VideoLayer current = layers[selection.current()];
            if (current.height > 0 && current.height >= subscription.maxHeight()) {
                continue;
            }
            int next = nextActive(layers, selection.current());
            long cost = next == LayerSelection.NONE ? Long.MAX_VALUE : layers[next].bitrate - current.bitrate;
            if (cost < cheapestCost) {
                cheapest = subscription;
                cheapestNext = next;
                cheapestCost = cost;
            }
        }
        if (cheapest != null) {
            trying = cheapest;
            trialNacks = 0;
            if (LOG.isDebugEnabled()) {
                LOG.debugf("Trying layer %d of %s for %s: %d bit/s more", cheapestNext, streamOf(cheapest),
                        cheapest.link().linkId(), cheapestCost);
            }
            if (cheapest.rtxPayloadType() != Consumer.NO_RTX) {
                probe.startPadding(cheapestNext, cheapestCost, nowNanos);
            } else {
                want(cheapest, cheapestNext);
                probe.start(cheapestNext, nowNanos);
            }
        }
    }

    /**
     * Whether the padding went through: sent for its whole time, and, where the subscriber's feedback measures its
     * queue, reported nearly to its end with none standing (else losses and NACKs alone say).
     */
    private boolean paddingCarried(long nowNanos) {
        if (!probe.paddingCarried(nowNanos)) {
            return false;
        }
        DownlinkQueue queue = trying.queue();
        if (!queue.fresh(nowNanos, LOSS_MAX_AGE_NANOS)) {
            return true;
        }
        return queue.reportedSince(probe.since() + PADDING_REPORTED_NANOS)
                && queue.queueingNanos(nowNanos, LOSS_MAX_AGE_NANOS) <= DownlinkQueue.STANDING_QUEUE_NANOS;
    }

    /** The padding went through: the trial goes on on the layer itself, unless it is no longer wanted or sent. */
    private void switchAfterPadding(long nowNanos) {
        int layer = probe.trying();
        VideoLayer[] layers = layersOf(trying);
        LayerSelection selection = trying.selection();
        boolean stillWanted = !trying.paused() && !selection.switching() && layer > selection.current()
                && layer < layers.length && layers[layer].active()
                && layer <= LayerDemand.fit(layers, trying.maxHeight());
        if (!stillWanted) {
            probe.succeeded();
            trying = null;
            return;
        }
        want(trying, layer);
        trialNacks = 0;
        LOG.debugf("Padding carried; %s switches to layer %d of %s", trying.link().linkId(), layer, streamOf(trying));
        probe.start(layer, nowNanos);
    }

    /** The subscription on the highest layer steps down one; false when all are on their lowest. */
    private boolean stepHighestDown(long nowNanos, String why) {
        Consumer highest = null;
        for (Consumer subscription : layered()) {
            int current = subscription.selection().current();
            if (current > lowestActive(subscription) && (highest == null
                    || current > highest.selection().current())) {
                highest = subscription;
            }
        }
        if (highest != null) {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("%s steps down from layer %d of %s (%s)", highest.link().linkId(),
                        highest.selection().current(), streamOf(highest), why);
            }
            stepDown(highest);
            probe.congested(nowNanos);
        }
        return highest != null;
    }

    private List<Consumer> layered() {
        List<Consumer> layered = new ArrayList<>(subscriptions.size());
        for (Consumer subscription : subscriptions) {
            if (subscription.link().producer() != null && subscription.link().producer().simulcast()) {
                layered.add(subscription);
            }
        }
        return layered;
    }

    /** One layer down for a downlink that is full: the current layer stops at once (see LayerSelection#shed). */
    private static void stepDown(Consumer subscription) {
        LayerSelection selection = subscription.selection();
        int from = selection.switching() ? selection.target() : selection.current();
        VideoLayer[] layers = layersOf(subscription);
        for (int i = from - 1; i >= 0; i--) {
            if (layers[i].active()) {
                want(subscription, i);
                selection.shed();
                return;
            }
        }
    }

    /** A new target: its key frame is asked for (a switch waits for it). */
    private static void want(Consumer subscription, int layer) {
        subscription.selection().target(layer);
        if (subscription.selection().switching()) {
            layersOf(subscription)[layer].keyFrameWanted = true;
        }
    }

    private static int lowestActive(Consumer subscription) {
        VideoLayer[] layers = layersOf(subscription);
        for (VideoLayer layer : layers) {
            if (layer.active()) {
                return layer.index;
            }
        }
        return 0;
    }

    private static int nextActive(VideoLayer[] layers, int current) {
        for (int i = current + 1; i < layers.length; i++) {
            if (layers[i].active()) {
                return i;
            }
        }
        return LayerSelection.NONE;
    }

    private static String streamOf(Consumer subscription) {
        return subscription.link().producer().streamId();
    }

    private static VideoLayer[] layersOf(Consumer subscription) {
        return subscription.link().producer().layers();
    }
}
