package io.parley.embedded.recording;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records one routed stream to one WebM file: the router's recording thread hands it every decrypted RTP packet and sender
 * report of the stream. VP8 is reassembled into frames ({@link Vp8Depacketizer}), Opus packets are taken as they are
 * ({@link OpusDepacketizer}), both are placed on the recording's clock ({@link StreamClock}) and written as they complete
 * ({@link WebmWriter}).
 *
 * <p>Not thread-safe: one thread calls it. Any I/O failure (disk full, file removed) ends the recording: the file is closed
 * and {@link RecordingFailedException} is thrown, then again from every later {@link #onRtp} so the caller cannot miss it;
 * {@link #close()} after a failure does nothing, the file keeps the clusters written before it.
 */
public final class StreamRecorder implements AutoCloseable {

    private final Path file;
    private final boolean hasAudio;
    private final boolean hasVideo;
    private final StreamClock clock;
    private final WebmWriter writer;
    private final Vp8Depacketizer video;
    private final OpusDepacketizer audio = new OpusDepacketizer();
    /** Arrival time of the packet being pushed through the depacketizer, read back by the frame sink. */
    private long currentArrivalNanos;
    private RecordingFailedException failure;
    private boolean closed;

    /**
     * Creates (or replaces) the file and writes its header.
     *
     * @param startNanos the recording's start on the {@link System#nanoTime()} scale; block times count from it, so a
     *                   stream that joins later starts later in its file
     */
    public StreamRecorder(Path file, boolean hasAudio, boolean hasVideo, long startNanos) {
        this.file = file;
        this.hasAudio = hasAudio;
        this.hasVideo = hasVideo;
        this.clock = new StreamClock(startNanos);
        this.video = new Vp8Depacketizer(this::writeFrame);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            this.writer = new WebmWriter(channel, hasAudio, hasVideo);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new RecordingFailedException("cannot create " + file + ": " + e, e);
        }
    }

    /** A decrypted RTP packet of the stream's video (VP8) or audio (Opus) track, header included. */
    public void onRtp(boolean isVideo, byte[] packet, int off, int len, long arrivalNanos) {
        if (failure != null) {
            throw failure;
        }
        if (closed || (isVideo ? !hasVideo : !hasAudio)) {
            return;
        }
        currentArrivalNanos = arrivalNanos;
        if (isVideo) {
            video.push(packet, off, len);
        } else {
            AudioPacket opus = audio.push(packet, off, len);
            if (opus != null) {
                long millis = clock.toMillis(false, opus.rtpTimestamp(), arrivalNanos);
                write(() -> writer.writeAudio(opus.data(), millis));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** An RTCP sender report of the track: {@code ntp} is its 64-bit NTP timestamp, {@code rtpTimestamp} the same instant. */
    public void onSenderReport(boolean isVideo, long ntp, long rtpTimestamp) {
        clock.onSenderReport(isVideo, ntp, rtpTimestamp);
    }

    /** True when the file needs a key frame to go on (start, or after a loss): the caller should send the publisher a PLI. */
    public boolean needsKeyFrame() {
        return hasVideo && failure == null && !closed && video.needsKeyFrame();
    }

    /** Milliseconds from the recording start to the latest block written, 0 before any. */
    public long durationMillis() {
        return Math.max(0, writer.lastTimestamp());
    }

    public long bytesWritten() {
        return writer.bytesWritten();
    }

    /** VP8 frames that were lost or could not be decoded for want of a key frame. */
    public long droppedVideoFrames() {
        return video.droppedFrames();
    }

    public Path file() {
        return file;
    }

    /** Writes what is buffered and finishes the file; idempotent, and silent after a failure already reported. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure != null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            failure = new RecordingFailedException("cannot finish " + file + ": " + e, e);
            throw failure;
        }
    }

    private void writeFrame(VideoFrame frame) {
        if (failure != null) {
            return;
        }
        long millis = clock.toMillis(true, frame.rtpTimestamp(), currentArrivalNanos);
        write(() -> writer.writeVideo(frame.data(), millis, frame.keyFrame()));
    }

    private void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            failure = new RecordingFailedException("cannot write " + file + ": " + e, e);
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the first failure is the reason; closing is only to release the file
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written worth keeping
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
