package io.parley.embedded.recording;

import java.io.IOException;

/**
 * One stream fed to the live composer for one period of a broadcast: its RTP reassembled (as the recorder does) and
 * written as a live WebM to a {@link LiveInput}, on a clock whose zero is the period's start.
 *
 * <p>FFmpeg's filter graph advances only as far as every input has frames, so one publisher whose video stalls
 * (a frozen tab, a lossy link) would stop the whole broadcast. The feed therefore keeps every track it declared
 * flowing: with no video frame for {@link #VIDEO_GAP_MILLIS} it repeats the latest key frame (the picture freezes
 * there), and with no audio for {@link #AUDIO_GAP_MILLIS} it fills the gap with Opus silence frames. A new period's
 * feed starts with the latest key frame seen before it, so FFmpeg gets a picture at once instead of waiting for the
 * publisher's next key frame, and writes no delta frame until that real key frame comes.
 *
 * <p>Called from the broadcast's thread only.
 */
final class LiveStreamFeed implements AutoCloseable {

    static final long VIDEO_GAP_MILLIS = 400;
    static final long AUDIO_GAP_MILLIS = 200;
    private static final long OPUS_FRAME_MILLIS = 20;
    /** An Opus packet of 20 ms of silence: TOC 0xF8 (CELT, fullband, 20 ms, one frame), then an empty frame. */
    static final byte[] OPUS_SILENCE = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};

    private final LiveInput input;
    private final boolean audio;
    private final boolean video;
    private final long startNanos;
    private final StreamClock clock;
    private final WebmWriter writer;
    private final Vp8Depacketizer depacketizer;
    private final OpusDepacketizer opus = new OpusDepacketizer();
    private long arrivalNanos;
    private byte[] latestKeyFrame;
    private boolean realKeyFrameSeen;
    private long lastVideoMillis = -1;
    private long lastAudioMillis = -1;
    private boolean failed;

    /**
     * @param keyFrame the stream's latest key frame from before this period, or null; a feed with video needs one
     */
    LiveStreamFeed(LiveInput input, boolean audio, boolean video, byte[] keyFrame, long startNanos)
            throws IOException {
        if (video && keyFrame == null) {
            throw new IllegalArgumentException("a live video input starts from a key frame");
        }
        this.input = input;
        this.audio = audio;
        this.video = video;
        this.startNanos = startNanos;
        this.clock = new StreamClock(startNanos);
        this.writer = WebmWriter.live(input, audio, video);
        this.depacketizer = new Vp8Depacketizer(this::onFrame);
        this.latestKeyFrame = keyFrame;
        if (video) {
            writeVideo(keyFrame, 0, true);
        }
        if (audio) {
            writeAudio(OPUS_SILENCE, 0);
        }
    }

    String url() {
        return input.url();
    }

    boolean hasAudio() {
        return audio;
    }

    boolean hasVideo() {
        return video;
    }

    /** The newest key frame this feed has seen, to start the next period's feed from. */
    byte[] latestKeyFrame() {
        return latestKeyFrame;
    }

    /** True when the publisher should be asked for a key frame (this feed waits for one). */
    boolean needsKeyFrame() {
        return video && !failed && (!realKeyFrameSeen || depacketizer.needsKeyFrame());
    }

    void onRtp(boolean isVideo, byte[] packet, int length, long arrival) {
        if (failed) {
            return;
        }
        arrivalNanos = arrival;
        if (isVideo) {
            if (video) {
                depacketizer.push(packet, 0, length);
            }
        } else if (audio) {
            AudioPacket packetOut = opus.push(packet, 0, length);
            if (packetOut != null) {
                long millis = clock.toMillis(false, packetOut.rtpTimestamp(), arrival);
                writeAudio(packetOut.data(), millis);
            }
        }
    }

    void onSenderReport(boolean isVideo, long ntp, long rtpTimestamp) {
        clock.onSenderReport(isVideo, ntp, rtpTimestamp);
    }

    /** Keeps declared tracks flowing through gaps; call it a few times a second. */
    void keepAlive(long nowNanos) {
        if (failed) {
            return;
        }
        long now = (nowNanos - startNanos) / 1_000_000;
        if (video && now - lastVideoMillis >= VIDEO_GAP_MILLIS) {
            writeVideo(latestKeyFrame, now, true);
            // what follows the repeated key frame must be predicted from it, not from what came before
            realKeyFrameSeen = false;
        }
        if (audio && now - lastAudioMillis >= AUDIO_GAP_MILLIS) {
            for (long at = lastAudioMillis + OPUS_FRAME_MILLIS; at <= now; at += OPUS_FRAME_MILLIS) {
                writeAudio(OPUS_SILENCE, at);
            }
        }
    }

    long droppedWrites() {
        return input.droppedWrites();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            input.close();
        }
    }

    void abort() {
        input.abort();
    }

    private void onFrame(VideoFrame frame) {
        if (frame.keyFrame()) {
            latestKeyFrame = frame.data();
            realKeyFrameSeen = true;
        } else if (!realKeyFrameSeen) {
            return;
        }
        writeVideo(frame.data(), clock.toMillis(true, frame.rtpTimestamp(), arrivalNanos), frame.keyFrame());
    }

    private void writeVideo(byte[] frame, long millis, boolean keyFrame) {
        long at = Math.max(millis, lastVideoMillis + 1);
        try {
            writer.writeVideo(frame, at, keyFrame);
            lastVideoMillis = at;
        } catch (IOException e) {
            failed = true;
        }
    }

    private void writeAudio(byte[] packet, long millis) {
        long at = Math.max(millis, lastAudioMillis + 1);
        try {
            writer.writeAudio(packet, at);
            lastAudioMillis = at;
        } catch (IOException e) {
            failed = true;
        }
    }
}
