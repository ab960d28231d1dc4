package io.parley.embedded.media.router;

/**
 * Receives a session's published media as the router decrypts it: how the recorder becomes an internal subscriber
 * of every stream. Called on the media thread: implementations copy what they need and return at once.
 */
public interface RtpObserver {

    /** A stream of the session started sending to the router (or was already when the tap was set). */
    void streamStarted(String streamId, boolean hasAudio, boolean hasVideo);

    /** A decrypted RTP packet; the array is reused after the call returns. */
    void onRtp(String streamId, boolean video, byte[] packet, int length, long arrivalNanos);

    /** An RTCP sender report of the stream's audio or video: the NTP/RTP mapping that aligns the two. */
    void onSenderReport(String streamId, boolean video, long ntpTimestamp, long rtpTimestamp);

    /** The stream stopped (unpublished, or its publisher went away). */
    void streamEnded(String streamId);
}
