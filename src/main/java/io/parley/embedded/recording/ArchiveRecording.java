package io.parley.embedded.recording;

import io.parley.embedded.media.router.RtpObserver;
import io.parley.storage.JsonStore;
import io.parley.video.ArchiveLayout;
import io.parley.video.Stream;
import io.parley.video.StreamMode;
import io.parley.video.VideoType;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One running archive: the router's tap for its session, writing each stream to its own WebM as packets arrive.
 * Packets are copied on the media thread and written on the archive's own thread, so a slow disk never holds up
 * forwarding; past {@link #MAX_PENDING} queued packets the recorder drops rather than grow without bound.
 * {@code tracks.json} is rewritten whenever a stream starts or stops, and {@code layout-changes.json} whenever the
 * layout or a stream's layout classes change, so a crash leaves what recovery needs.
 *
 * <p>In {@code manual} stream mode only the streams added to the archive are recorded, each with the audio and video
 * it was added with, from the moment it was added (or started, if later) to the moment it was removed (or ended);
 * a stream added again gets a file of its own ({@code <stream>-2.webm}...), so each file is one stretch of time.
 */
final class ArchiveRecording implements RtpObserver {

    private static final Logger LOG = Logger.getLogger(ArchiveRecording.class);
    static final String TRACKS = "tracks.json";
    static final String LAYOUT_CHANGES = "layout-changes.json";
    static final int MAX_PENDING = 4000;

    private final Path folder;
    private final long startNanos;
    private final JsonStore store;
    private final Function<String, String> connectionData;
    private final Function<String, Stream> describe;
    private final Consumer<String> requestKeyFrame;
    private final Consumer<String> onFailure;
    private final ExecutorService writer;
    private final PacketHandOff packets;
    // written on the writer thread only
    private final Map<String, StreamRecorder> recorders = new LinkedHashMap<>();
    /** What was recorded, by file: one entry per stretch of a stream. */
    private final Map<String, RecordedStream> streams = new LinkedHashMap<>();
    /** The file each stream being recorded now goes to. */
    private final Map<String, String> fileOf = new LinkedHashMap<>();
    /** The session's streams sending now: stream id to {audio, video}. */
    private final Map<String, boolean[]> sending = new LinkedHashMap<>();
    /** Manual mode: the streams added to the archive, to {audio, video} as added. */
    private final Map<String, boolean[]> added = new LinkedHashMap<>();
    private final boolean manual;
    private final List<LayoutChange> layoutChanges = new ArrayList<>();
    private String failure;

    ArchiveRecording(String archiveId, Path folder, JsonStore store, ArchiveLayout layout, StreamMode streamMode,
                     Function<String, String> connectionData, Function<String, Stream> describe,
                     Consumer<String> requestKeyFrame, Consumer<String> onFailure) {
        this.folder = folder;
        this.manual = streamMode == StreamMode.MANUAL;
        this.startNanos = System.nanoTime();
        this.store = store;
        this.connectionData = connectionData;
        this.describe = describe;
        this.requestKeyFrame = requestKeyFrame;
        this.onFailure = onFailure;
        // packets the media thread hands over after the finish (the untap reaches it later) are dropped, never
        // thrown back at it
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "parley-recorder-" + archiveId.substring(0, 8));
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        this.packets = new PacketHandOff(writer, MAX_PENDING);
        writer.execute(this::saveTracks);
        // the layout it starts with, so that the archive's record may show the current one
        writer.execute(() -> addLayoutChange(LayoutChange.ofLayout(0, layout)));
    }

    /** The archive's layout changed: the output is laid out the new way from now on. */
    void layoutChanged(ArchiveLayout layout) {
        long now = System.nanoTime();
        writer.execute(() -> addLayoutChange(LayoutChange.ofLayout(millisSinceStart(now), layout)));
    }

    /** Streams' layout classes changed (by stream id): the output places them by the new ones from now on. */
    void layoutClassesChanged(Map<String, List<String>> classesByStream) {
        long now = System.nanoTime();
        writer.execute(() -> addLayoutChange(LayoutChange.ofClasses(millisSinceStart(now), classesByStream)));
    }

    private void addLayoutChange(LayoutChange change) {
        layoutChanges.add(change);
        try {
            store.save(folder.resolve(LAYOUT_CHANGES), List.copyOf(layoutChanges));
        } catch (RuntimeException e) {
            fail("cannot write " + LAYOUT_CHANGES + ": " + e.getMessage());
        }
    }

    @Override
    public void streamStarted(String streamId, boolean hasAudio, boolean hasVideo) {
        long now = System.nanoTime();
        writer.execute(() -> {
            sending.put(streamId, new boolean[] {hasAudio, hasVideo});
            boolean[] asAdded = added.get(streamId);
            if (!manual) {
                record(streamId, hasAudio, hasVideo, now);
            } else if (asAdded != null) {
                record(streamId, hasAudio && asAdded[0], hasVideo && asAdded[1], now);
            }
        });
    }

    /**
     * Manual mode: records {@code streamId} from now on (or from when it starts), with what it was added with. A
     * stream added again with other audio or video (Vonage's way to change them) ends its stretch and starts one
     * with the new ones, from now.
     */
    void addStream(String streamId, boolean audio, boolean video) {
        long now = System.nanoTime();
        writer.execute(() -> {
            added.put(streamId, new boolean[] {audio, video});
            boolean[] has = sending.get(streamId);
            if (has == null) {
                return;
            }
            String file = fileOf.get(streamId);
            RecordedStream current = file == null ? null : streams.get(file);
            if (current != null && current.hasAudio() == (has[0] && audio) && current.hasVideo() == (has[1] && video)) {
                return;
            }
            if (current != null) {
                closeStream(streamId, millisSinceStart(now));
            }
            record(streamId, has[0] && audio, has[1] && video, now);
        });
    }

    /** Manual mode: stops recording {@code streamId}; its file so far stays in the archive. */
    void removeStream(String streamId) {
        long now = System.nanoTime();
        writer.execute(() -> {
            added.remove(streamId);
            closeStream(streamId, millisSinceStart(now));
        });
    }

    /** Writer thread. */
    private void record(String streamId, boolean audio, boolean video, long now) {
        if (failure != null || recorders.containsKey(streamId) || (!audio && !video)) {
            return;
        }
        // looked up here, on the recorder's thread: the lookup takes the live session's lock, which the media
        // thread (the caller) must never wait for
        String data = connectionData.apply(streamId);
        Stream described = describe.apply(streamId);
        String file = streamId + ".webm";
        for (int stretch = 2; streams.containsKey(file); stretch++) {
            file = streamId + "-" + stretch + ".webm";
        }
        try {
            recorders.put(streamId, new StreamRecorder(folder.resolve(file), audio, video, now));
        } catch (RecordingFailedException e) {
            fail(e.getMessage());
            return;
        }
        fileOf.put(streamId, file);
        streams.put(file, new RecordedStream(streamId, data, file, millisSinceStart(now), -1, audio, video,
                described != null && described.videoType() == VideoType.SCREEN,
                described == null ? List.of() : described.layoutClasses()));
        saveTracks();
    }

    @Override
    public void onRtp(String streamId, boolean video, byte[] packet, int length, long arrivalNanos) {
        byte[] copy = Arrays.copyOf(packet, length);
        packets.submit(() -> {
            StreamRecorder recorder = recorders.get(streamId);
            if (recorder == null || failure != null) {
                return;
            }
            try {
                recorder.onRtp(video, copy, 0, length, arrivalNanos);
                if (video && recorder.needsKeyFrame()) {
                    requestKeyFrame.accept(streamId);
                }
            } catch (RecordingFailedException e) {
                fail(e.getMessage());
            }
        });
    }

    @Override
    public void onSenderReport(String streamId, boolean video, long ntpTimestamp, long rtpTimestamp) {
        writer.execute(() -> {
            StreamRecorder recorder = recorders.get(streamId);
            if (recorder != null && failure == null) {
                recorder.onSenderReport(video, ntpTimestamp, rtpTimestamp);
            }
        });
    }

    @Override
    public void streamEnded(String streamId) {
        long now = System.nanoTime();
        writer.execute(() -> {
            sending.remove(streamId);
            closeStream(streamId, millisSinceStart(now));
        });
    }

    /** Closes every stream still recorded and stops the writer; completes with what was recorded. */
    CompletableFuture<List<RecordedStream>> finish() {
        long now = System.nanoTime();
        CompletableFuture<List<RecordedStream>> done = new CompletableFuture<>();
        writer.execute(() -> {
            for (String streamId : new ArrayList<>(recorders.keySet())) {
                closeStream(streamId, millisSinceStart(now));
            }
            if (packets.dropped() > 0) {
                LOG.warnf("The recorder dropped %d packets it could not write in time", packets.dropped());
            }
            done.complete(List.copyOf(streams.values()));
        });
        writer.shutdown();
        return done;
    }

    private void closeStream(String streamId, long offset) {
        StreamRecorder recorder = recorders.remove(streamId);
        if (recorder == null) {
            return;
        }
        try {
            recorder.close();
        } catch (RecordingFailedException e) {
            fail(e.getMessage());
        }
        String file = fileOf.remove(streamId);
        if (file != null) {
            streams.computeIfPresent(file, (f, stream) -> stream.stoppedAt(offset));
        }
        saveTracks();
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
            onFailure.accept("recording failed: " + reason);
        }
    }

    private void saveTracks() {
        try {
            store.save(folder.resolve(TRACKS), List.copyOf(streams.values()));
        } catch (RuntimeException e) {
            fail("cannot write " + TRACKS + ": " + e.getMessage());
        }
    }

    private long millisSinceStart(long nanos) {
        return Math.max(0, (nanos - startNanos) / 1_000_000);
    }
}
