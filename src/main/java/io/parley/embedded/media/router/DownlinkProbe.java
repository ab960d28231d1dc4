package io.parley.embedded.media.router;

/**
 * Trying a downlink on more than it carries now, before a subscription steps up a layer. Where the subscriber takes
 * RTX, the trial starts as padding (RTX packets with nothing but padding, which its browser counts and drops) at the
 * next layer's extra bitrate for {@link #PADDING_NANOS}: a full downlink then loses some of the current layer's
 * packets, which NACKs repair, instead of a key frame of the next layer, which would freeze every stream on it for the
 * time that key frame takes to drain. Only when the padding went through does the layer switch, and that switch holds
 * through a grace period ({@link #GRACE_NANOS}) in which losses still undo it.
 *
 * <p>A failed trial waits before the next, twice as long each time up to {@link #MAX_BACKOFF_NANOS}: short enough
 * that a downlink whose capacity came back is found within seconds, rare enough that a weak one spends most of its
 * time undisturbed. Media thread only.
 */
final class DownlinkProbe {

    static final long PADDING_NANOS = 900_000_000L;
    static final long GRACE_NANOS = 3_000_000_000L;
    static final long FIRST_BACKOFF_NANOS = 4_000_000_000L;
    static final long MAX_BACKOFF_NANOS = 6_000_000_000L;
    /** Padding at no less than this, when the next layer has not been measured yet (bits per second). */
    static final long MIN_PADDING_BITRATE = 200_000;
    /** Padding at no more than this, whatever the next layer costs (bits per second). */
    static final long MAX_PADDING_BITRATE = 2_000_000;
    /** Padding owed but not sent within a tick is forgotten beyond this: a late tick does not burst. */
    private static final long MAX_PADDING_OWED_BYTES = 8_000;

    private int trying = LayerSelection.NONE;
    private boolean padding;
    private long paddingBitrate;
    private long lastPadded;
    private double paddingOwed;
    private long since;
    private long nextAllowed;
    private long backoff = FIRST_BACKOFF_NANOS;
    private long failures;

    /** Whether a trial may start now. */
    boolean allowed(long nowNanos) {
        return trying == LayerSelection.NONE && nowNanos - nextAllowed >= 0;
    }

    /** Starts a trial of {@code layer} with padding at {@code extraBitrate} (bounded). */
    void startPadding(int layer, long extraBitrate, long nowNanos) {
        trying = layer;
        padding = true;
        paddingBitrate = Math.max(MIN_PADDING_BITRATE, Math.min(MAX_PADDING_BITRATE, extraBitrate));
        lastPadded = nowNanos;
        paddingOwed = 0;
        since = nowNanos;
    }

    /** Starts a trial on {@code layer} itself, without padding first (a subscriber without RTX). */
    void start(int layer, long nowNanos) {
        trying = layer;
        padding = false;
        since = nowNanos;
    }

    /** The layer under trial, or {@link LayerSelection#NONE}. */
    int trying() {
        return trying;
    }

    boolean padding() {
        return padding;
    }

    /** Padding was sent for its whole time and nothing said the downlink was full: the layer may switch. */
    boolean paddingCarried(long nowNanos) {
        return padding && nowNanos - since >= PADDING_NANOS;
    }

    /** Padding went on for twice its time and still nothing said whether the downlink carried it. */
    boolean paddingUnanswered(long nowNanos) {
        return padding && nowNanos - since >= 2 * PADDING_NANOS;
    }

    /** When the trial, or its part on the layer itself, began. */
    long since() {
        return since;
    }

    /** The padding bytes to send now, to keep the padding at its bitrate since the last call. */
    int paddingDue(long nowNanos) {
        if (!padding) {
            return 0;
        }
        paddingOwed = Math.min(MAX_PADDING_OWED_BYTES,
                paddingOwed + paddingBitrate / 8.0 * (nowNanos - lastPadded) / 1e9);
        lastPadded = nowNanos;
        int due = (int) paddingOwed;
        paddingOwed -= due;
        return due;
    }

    long paddingBitrate() {
        return paddingBitrate;
    }

    boolean inGrace(long nowNanos) {
        return trying != LayerSelection.NONE && !padding && nowNanos - since < GRACE_NANOS;
    }

    /** The trial's layer fits: the downlink carries it. */
    void succeeded() {
        trying = LayerSelection.NONE;
        padding = false;
        backoff = FIRST_BACKOFF_NANOS;
    }

    /** The trial did not fit: back down, and wait longer before the next. */
    void failed(long nowNanos) {
        trying = LayerSelection.NONE;
        padding = false;
        failures++;
        nextAllowed = nowNanos + backoff;
        backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
    }

    /**
     * The downlink was found full outside a trial (a capacity that fell): the next trial waits at least the
     * backoff, so that it does not start into a queue still draining.
     */
    void congested(long nowNanos) {
        if (nowNanos + backoff - nextAllowed > 0) {
            nextAllowed = nowNanos + backoff;
        }
    }

    long failures() {
        return failures;
    }
}
