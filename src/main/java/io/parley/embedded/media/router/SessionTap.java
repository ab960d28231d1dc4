package io.parley.embedded.media.router;

import java.util.Arrays;

/**
 * Everything that observes one session's published media (each archive recording it): the streams carry this one
 * tap, and it hands every call to each observer in turn. Media thread only, so a plain array serves.
 */
final class SessionTap implements RtpObserver {

    private RtpObserver[] observers = new RtpObserver[0];

    void add(RtpObserver observer) {
        observers = Arrays.copyOf(observers, observers.length + 1);
        observers[observers.length - 1] = observer;
    }

    /** False when {@code observer} was not here. */
    boolean remove(RtpObserver observer) {
        for (int i = 0; i < observers.length; i++) {
            if (observers[i] == observer) {
                RtpObserver[] fewer = new RtpObserver[observers.length - 1];
                System.arraycopy(observers, 0, fewer, 0, i);
                System.arraycopy(observers, i + 1, fewer, i, observers.length - i - 1);
                observers = fewer;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return observers.length == 0;
    }

    @Override
    public void streamStarted(String streamId, boolean hasAudio, boolean hasVideo) {
        for (RtpObserver observer : observers) {
            observer.streamStarted(streamId, hasAudio, hasVideo);
        }
    }

    @Override
    public void onRtp(String streamId, boolean video, byte[] packet, int length, long arrivalNanos) {
        for (RtpObserver observer : observers) {
            observer.onRtp(streamId, video, packet, length, arrivalNanos);
        }
    }

    @Override
    public void onSenderReport(String streamId, boolean video, long ntpTimestamp, long rtpTimestamp) {
        for (RtpObserver observer : observers) {
            observer.onSenderReport(streamId, video, ntpTimestamp, rtpTimestamp);
        }
    }

    @Override
    public void streamEnded(String streamId) {
        for (RtpObserver observer : observers) {
            observer.streamEnded(streamId);
        }
    }
}
