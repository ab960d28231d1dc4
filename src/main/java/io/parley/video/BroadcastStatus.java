package io.parley.video;

/** A live broadcast's state, as Vonage reports it: streaming, or ended (stopped, or at its maximum duration). */
public enum BroadcastStatus {
    STARTED, STOPPED
}
