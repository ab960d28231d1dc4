package io.parley.embedded.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a WebM file (the Matroska subset of https://www.webmproject.org/docs/container/) as media arrives, so that a
 * crash leaves a playable file.
 *
 * <p>Layout: the EBML header (DocType "webm"), then a Segment written with an unknown size (RFC 8794 §6.2), which readers
 * take to run to the end of the file; Info (TimestampScale 1 ms); Tracks (video track 1 "V_VP8", audio track 2 "A_OPUS",
 * either optional); then Clusters. A cluster is built in memory and appended in one write with its real size, followed by
 * an fsync, so the file on disk is always the header plus whole clusters (a torn last write at most): everything up to the
 * last complete cluster stays readable, and a crash loses at most one cluster, about a second. A cluster starts at every
 * video key frame (so playback and cutting can start at a cluster) and whenever a block would be more than
 * {@link #MAX_CLUSTER_MILLIS} after the cluster's timestamp (block times are signed 16-bit offsets from it).
 *
 * <p>{@link #close()} writes the last cluster, replaces the space reserved in Info with the Duration, and patches the
 * Segment size: a file closed properly has every size known; a crashed one is still valid, only open-ended.
 *
 * <p>The video dimensions come from the first key frame (RFC 6386 §9.1), which arrives after the header is written: the
 * PixelWidth/PixelHeight values are written as 2-byte placeholders and overwritten in place then.
 */
public final class WebmWriter implements AutoCloseable {

    public static final int VIDEO_TRACK = 1;
    public static final int AUDIO_TRACK = 2;
    static final long MAX_CLUSTER_MILLIS = 1000;
    static final String APP = "Parley";
    /** WebM's recommended Opus seek pre-roll, 80 ms in ns, so a decoder converges after a seek. */
    static final long OPUS_SEEK_PRE_ROLL_NANOS = 80_000_000L;
    private static final int PLACEHOLDER_WIDTH = 640;
    private static final int PLACEHOLDER_HEIGHT = 480;
    /** A Void element as large as the Duration element (2-byte id, 1-byte size, 8-byte float) that replaces it. */
    private static final int DURATION_ELEMENT_LENGTH = 11;

    private final WebmSink sink;
    /** Live: every block goes out in a cluster of its own at once, so a reader downstream waits for nothing. */
    private final boolean clusterPerBlock;
    private final boolean hasAudio;
    private final boolean hasVideo;
    private final Ebml.Buffer blocks = new Ebml.Buffer();
    private final Ebml.Buffer cluster = new Ebml.Buffer();
    private long end;
    private long segmentSizeAt;
    private long segmentDataAt;
    private long durationAt;
    private long widthAt = -1;
    private long heightAt = -1;
    private boolean videoStarted;
    private boolean clusterOpen;
    private long clusterTimestamp;
    private long lastTimestamp = -1;
    private long videoBlocks;
    private long audioBlocks;
    private boolean closed;

    /** Writes the header at once, so that even a file with no media yet says what it is. */
    public WebmWriter(FileChannel channel, boolean hasAudio, boolean hasVideo) throws IOException {
        this(new FileSink(channel), false, hasAudio, hasVideo);
    }

    private WebmWriter(WebmSink sink, boolean clusterPerBlock, boolean hasAudio, boolean hasVideo) throws IOException {
        if (!hasAudio && !hasVideo) {
            throw new IllegalArgumentException("a recording needs audio or video");
        }
        this.sink = sink;
        this.clusterPerBlock = clusterPerBlock;
        this.hasAudio = hasAudio;
        this.hasVideo = hasVideo;
        writeHeader();
    }

    /**
     * A writer for a reader that consumes the file as it is written (a live composer): each block is sent at once in
     * a cluster of its own, and what a file writer patches afterwards (dimensions, duration, segment size) is left as
     * the header announced it, which a streaming reader takes as it is.
     */
    public static WebmWriter live(WebmSink sink, boolean hasAudio, boolean hasVideo) throws IOException {
        return new WebmWriter(sink, true, hasAudio, hasVideo);
    }

    /**
     * A VP8 frame at {@code millis} on the recording clock. Frames before the first key frame are skipped: nothing could
     * decode them.
     */
    public void writeVideo(byte[] frame, long millis, boolean keyFrame) throws IOException {
        if (!hasVideo) {
            throw new IllegalStateException("no video track");
        }
        if (!videoStarted && !keyFrame) {
            return;
        }
        if (keyFrame) {
            if (!videoStarted) {
                videoStarted = true;
                writeDimensions(frame);
            }
            if (clusterOpen) {
                flushCluster();
            }
        }
        addBlock(VIDEO_TRACK, millis, keyFrame, frame);
        videoBlocks++;
        if (clusterPerBlock) {
            flushCluster();
        }
    }

    /** An Opus packet at {@code millis}; every Opus packet is independently decodable, so every block is a key frame. */
    public void writeAudio(byte[] packet, long millis) throws IOException {
        if (!hasAudio) {
            throw new IllegalStateException("no audio track");
        }
        addBlock(AUDIO_TRACK, millis, true, packet);
        audioBlocks++;
        if (clusterPerBlock) {
            flushCluster();
        }
    }

    /** Bytes on disk so far (the cluster being built is not there yet). */
    public long bytesWritten() {
        return end;
    }

    /** The latest block time written or buffered, or -1 before any block. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    public long videoBlocks() {
        return videoBlocks;
    }

    public long audioBlocks() {
        return audioBlocks;
    }

    /** Writes the last cluster, the Duration and the Segment size, and closes the channel. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (clusterOpen) {
                flushCluster();
            }
            if (lastTimestamp >= 0) {
                Ebml.Buffer duration = new Ebml.Buffer().float64(Ebml.DURATION, lastTimestamp);
                writeAt(durationAt, duration.array(), duration.length());
            }
            Ebml.Buffer size = new Ebml.Buffer().size(end - segmentDataAt, 8);
            writeAt(segmentSizeAt, size.array(), size.length());
            sink.sync(true);
        } finally {
            sink.close();
        }
    }

    private void addBlock(int track, long millis, boolean keyFrame, byte[] data) throws IOException {
        if (clusterOpen) {
            long relative = millis - clusterTimestamp;
            if (relative > MAX_CLUSTER_MILLIS || relative < Short.MIN_VALUE) {
                flushCluster();
            }
        }
        if (!clusterOpen) {
            clusterOpen = true;
            clusterTimestamp = millis;
        }
        // SimpleBlock (RFC 9559 §10.2): track number as a vint, signed 16-bit time relative to the cluster, flags, frame.
        blocks.id(Ebml.SIMPLE_BLOCK).size(4L + data.length)
                .put(0x80 | track)
                .put((int) (millis - clusterTimestamp) >>> 8).put((int) (millis - clusterTimestamp))
                .put(keyFrame ? 0x80 : 0x00)
                .put(data, 0, data.length);
        lastTimestamp = Math.max(lastTimestamp, millis);
    }

    private void flushCluster() throws IOException {
        cluster.reset();
        Ebml.Buffer timestamp = new Ebml.Buffer().uint(Ebml.TIMESTAMP, clusterTimestamp);
        cluster.id(Ebml.CLUSTER).size(timestamp.length() + (long) blocks.length()).put(timestamp).put(blocks);
        sink.append(cluster.array(), cluster.length());
        end += cluster.length();
        blocks.reset();
        clusterOpen = false;
        // the durability promise: what was written survives a crash of this process or of the machine
        sink.sync(false);
    }

    private void writeHeader() throws IOException {
        Ebml.Buffer ebml = new Ebml.Buffer()
                .uint(Ebml.EBML_VERSION, 1)
                .uint(Ebml.EBML_READ_VERSION, 1)
                .uint(Ebml.EBML_MAX_ID_LENGTH, 4)
                .uint(Ebml.EBML_MAX_SIZE_LENGTH, 8)
                .string(Ebml.DOC_TYPE, "webm")
                .uint(Ebml.DOC_TYPE_VERSION, 4)
                .uint(Ebml.DOC_TYPE_READ_VERSION, 2);
        Ebml.Buffer file = new Ebml.Buffer().master(Ebml.EBML, ebml);
        file.id(Ebml.SEGMENT);
        segmentSizeAt = file.length();
        file.put(0x01);
        for (int i = 0; i < 7; i++) {
            file.put(0xFF);
        }
        segmentDataAt = file.length();

        Ebml.Buffer info = new Ebml.Buffer()
                .uint(Ebml.TIMESTAMP_SCALE, 1_000_000)
                .string(Ebml.MUXING_APP, APP)
                .string(Ebml.WRITING_APP, APP);
        int durationInInfo = info.length();
        info.id(Ebml.VOID).size(DURATION_ELEMENT_LENGTH - 2);
        for (int i = 0; i < DURATION_ELEMENT_LENGTH - 2; i++) {
            info.put(0);
        }
        file.id(Ebml.INFO).size(info.length());
        durationAt = file.length() + durationInInfo;
        file.put(info);

        Ebml.Buffer tracks = new Ebml.Buffer();
        int videoEntryAt = -1;
        Ebml.Buffer videoEntry = null;
        if (hasVideo) {
            videoEntry = videoEntry();
            tracks.master(Ebml.TRACK_ENTRY, videoEntry);
            videoEntryAt = tracks.length() - videoEntry.length();
        }
        if (hasAudio) {
            tracks.master(Ebml.TRACK_ENTRY, audioEntry());
        }
        file.id(Ebml.TRACKS).size(tracks.length());
        int tracksDataAt = file.length();
        file.put(tracks);
        if (hasVideo) {
            // the entry ends with PixelWidth then PixelHeight, 4 bytes each (id, size, 2-byte value)
            int entryEnd = tracksDataAt + videoEntryAt + videoEntry.length();
            heightAt = entryEnd - 2;
            widthAt = entryEnd - 6;
        }
        sink.append(file.array(), file.length());
        end = file.length();
        sink.sync(false);
    }

    private static Ebml.Buffer videoEntry() {
        Ebml.Buffer video = new Ebml.Buffer();
        video.id(Ebml.PIXEL_WIDTH).size(2).put(PLACEHOLDER_WIDTH >>> 8).put(PLACEHOLDER_WIDTH);
        video.id(Ebml.PIXEL_HEIGHT).size(2).put(PLACEHOLDER_HEIGHT >>> 8).put(PLACEHOLDER_HEIGHT);
        return new Ebml.Buffer()
                .uint(Ebml.TRACK_NUMBER, VIDEO_TRACK)
                .uint(Ebml.TRACK_UID, VIDEO_TRACK)
                .uint(Ebml.TRACK_TYPE, Ebml.TRACK_TYPE_VIDEO)
                .uint(Ebml.FLAG_LACING, 0)
                .string(Ebml.CODEC_ID, "V_VP8")
                .master(Ebml.VIDEO, video);
    }

    private static Ebml.Buffer audioEntry() {
        Ebml.Buffer audio = new Ebml.Buffer()
                .float64(Ebml.SAMPLING_FREQUENCY, 48_000)
                .uint(Ebml.CHANNELS, 2);
        return new Ebml.Buffer()
                .uint(Ebml.TRACK_NUMBER, AUDIO_TRACK)
                .uint(Ebml.TRACK_UID, AUDIO_TRACK)
                .uint(Ebml.TRACK_TYPE, Ebml.TRACK_TYPE_AUDIO)
                .uint(Ebml.FLAG_LACING, 0)
                .string(Ebml.CODEC_ID, "A_OPUS")
                .binary(Ebml.CODEC_PRIVATE, opusHead())
                .uint(Ebml.CODEC_DELAY, 0)
                .uint(Ebml.SEEK_PRE_ROLL, OPUS_SEEK_PRE_ROLL_NANOS)
                .master(Ebml.AUDIO, audio);
    }

    /**
     * The Opus identification header (RFC 7845 §5.1), which WebM carries as CodecPrivate: version 1, 2 channels (WebRTC
     * negotiates "opus/48000/2", RFC 7587 §7), no pre-skip (RTP Opus has no encoder delay to trim here), 48 kHz input,
     * no gain, channel mapping family 0.
     */
    static byte[] opusHead() {
        return new byte[] {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 2, 0, 0,
                (byte) 0x80, (byte) 0xBB, 0, 0, 0, 0, 0};
    }

    private void writeDimensions(byte[] frame) throws IOException {
        int[] size = Vp8KeyFrame.dimensions(frame);
        if (size == null) {
            return;
        }
        writeAt(widthAt, new byte[] {(byte) (size[0] >>> 8), (byte) size[0]}, 2);
        writeAt(heightAt, new byte[] {(byte) (size[1] >>> 8), (byte) size[1]}, 2);
    }

    private void writeAt(long position, byte[] data, int length) throws IOException {
        sink.patch(position, data, length);
    }

    /** A file on disk: appends at its end, patches in place, and forces what it wrote to the disk. */
    private static final class FileSink implements WebmSink {
        private final FileChannel channel;
        private long end;

        FileSink(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void append(byte[] data, int length) throws IOException {
            patch(end, data, length);
            end += length;
        }

        @Override
        public void patch(long position, byte[] data, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }

        @Override
        public void sync(boolean metadata) throws IOException {
            channel.force(metadata);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
