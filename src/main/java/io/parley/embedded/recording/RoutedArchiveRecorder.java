package io.parley.embedded.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.embedded.archives.ArchiveRecorder;
import io.parley.embedded.archives.LiveSessions;
import io.parley.embedded.media.router.MediaRouter;
import io.parley.storage.JsonStore;
import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveStatus;
import io.parley.video.OutputMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records routed sessions for the embedded platform: taps the router for the archive's session, and after a stop
 * (or a crash) turns the per-stream WebM files into the archive's output: one composed MP4, or a zip of the streams
 * with a manifest. Composition runs on its own bounded queue, never on a request or the media thread.
 */
@ApplicationScoped
public class RoutedArchiveRecorder implements ArchiveRecorder {

    private static final Logger LOG = Logger.getLogger(RoutedArchiveRecorder.class);
    private static final TypeReference<List<RecordedStream>> STREAMS = new TypeReference<>() {
    };
    private static final TypeReference<List<LayoutChange>> LAYOUT_CHANGES = new TypeReference<>() {
    };

    private final MediaRouter router;
    private final LiveSessions live;
    private final JsonStore store;
    private final ObjectMapper mapper;
    private final Map<String, ArchiveRecording> running = new ConcurrentHashMap<>();
    private volatile CompositionQueue compositions;

    public RoutedArchiveRecorder(MediaRouter router, LiveSessions live, JsonStore store, ObjectMapper mapper) {
        this.router = router;
        this.live = live;
        this.store = store;
        this.mapper = mapper;
    }

    @PreDestroy
    void close() {
        CompositionQueue queue = compositions;
        if (queue != null) {
            queue.close();
        }
    }

    @Override
    public boolean available() {
        return router.available();
    }

    @Override
    public void start(Archive archive, Path folder, java.util.function.Consumer<String> onFailure) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            onFailure.accept("cannot create " + folder + ": " + e.getMessage());
            return;
        }
        ArchiveRecording recording = new ArchiveRecording(archive.id(), folder, store,
                archive.options().layoutOrDefault(), archive.options().streamMode(),
                streamId -> live.connectionDataOf(archive.sessionId(), streamId),
                streamId -> live.streamOf(archive.sessionId(), streamId), router::requestKeyFrame,
                onFailure);
        running.put(archive.id(), recording);
        router.tap(archive.sessionId(), recording);
    }

    @Override
    public void changeLayout(String archiveId, ArchiveLayout layout) {
        whileRecording(archiveId, recording -> recording.layoutChanged(layout));
    }

    @Override
    public void changeLayoutClasses(String archiveId, Map<String, List<String>> classesByStream) {
        whileRecording(archiveId, recording -> recording.layoutClassesChanged(classesByStream));
    }

    @Override
    public void addStream(String archiveId, String streamId, boolean audio, boolean video) {
        whileRecording(archiveId, recording -> recording.addStream(streamId, audio, video));
    }

    @Override
    public void removeStream(String archiveId, String streamId) {
        whileRecording(archiveId, recording -> recording.removeStream(streamId));
    }

    /** A change to an archive that is not recording (any more) is ignored, as the port says. */
    private void whileRecording(String archiveId, java.util.function.Consumer<ArchiveRecording> change) {
        ArchiveRecording recording = running.get(archiveId);
        if (recording != null) {
            change.accept(recording);
        }
    }

    @Override
    public CompletableFuture<Outcome> stop(Archive archive, Path folder) {
        ArchiveRecording recording = running.remove(archive.id());
        if (recording == null) {
            return CompletableFuture.completedFuture(Outcome.failed("nothing was being recorded"));
        }
        router.untap(archive.sessionId(), recording);
        return recording.finish().thenCompose(streams -> output(archive, folder, streams));
    }

    @Override
    public CompletableFuture<Outcome> recover(Archive archive, Path folder) {
        return CompletableFuture.supplyAsync(() -> salvage(folder))
                .thenCompose(streams -> output(archive, folder, streams))
                .exceptionally(e -> Outcome.failed("recovery failed: " + rootMessage(e)));
    }

    /** What a crash left: each stream's file cut back to its last complete cluster, with the time it covers. */
    private List<RecordedStream> salvage(Path folder) {
        Path tracks = folder.resolve(ArchiveRecording.TRACKS);
        if (!Files.isRegularFile(tracks)) {
            return List.of();
        }
        List<RecordedStream> streams;
        try {
            streams = mapper.readValue(tracks.toFile(), STREAMS);
        } catch (IOException e) {
            LOG.warnf("Cannot read %s: %s", tracks, e.getMessage());
            return List.of();
        }
        List<RecordedStream> usable = new ArrayList<>();
        for (RecordedStream stream : streams) {
            Path file = folder.resolve(stream.file());
            try {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                WebmInspector.Report report = WebmInspector.inspect(file);
                if (!report.usable()) {
                    continue;
                }
                if (!report.closed() && report.usableLength() < Files.size(file)) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(report.usableLength());
                    }
                }
                long stop = stream.stopOffset() >= 0 ? stream.stopOffset()
                        : stream.startOffset() + report.lastTimestamp();
                usable.add(stream.stoppedAt(stop));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Stream file %s cannot be recovered: %s", file, e.getMessage());
            }
        }
        return usable;
    }

    private CompletableFuture<Outcome> output(Archive archive, Path folder, List<RecordedStream> streams) {
        List<RecordedStream> recorded = streams.stream()
                .filter(s -> Files.isRegularFile(folder.resolve(s.file())) && s.stopOffset() > s.startOffset())
                .toList();
        if (recorded.isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.failed("no media was recorded"));
        }
        long total = recorded.stream().mapToLong(RecordedStream::stopOffset).max().orElse(0);
        if (archive.outputMode() == OutputMode.INDIVIDUAL) {
            return CompletableFuture.supplyAsync(() -> packIndividual(archive, folder, recorded, total));
        }
        int[] size = resolution(archive.resolution());
        List<RecordedTrack> tracks = recorded.stream().map(s -> track(folder, s)).toList();
        Path output = folder.resolve("archive.mp4");
        return compositions().submit(tracks, output, size[0], size[1], archive.hasAudio(), archive.hasVideo(),
                        Duration.ofMillis(total), archive.options().layoutOrDefault(), layoutChanges(folder),
                        archive.options().maxBitrate())
                .handle((probe, failure) -> {
                    if (failure != null) {
                        return Outcome.failed("composition failed: " + rootMessage(failure));
                    }
                    long duration = probe.map(p -> p.duration().toSeconds()).orElse(total / 1000);
                    return new Outcome(ArchiveStatus.AVAILABLE, duration, sizeOf(output), null);
                });
    }

    private Outcome packIndividual(Archive archive, Path folder, List<RecordedStream> streams, long total) {
        Path zip = folder.resolve("archive.zip");
        try {
            new IndividualArchivePackager().pack(archive.id(), archive.name(), archive.createdAt(),
                    archive.sessionId(), streams.stream().map(s -> new IndividualStreamFile(s.streamId(),
                            s.connectionData(), folder.resolve(s.file()), s.startOffset(), s.stopOffset())).toList(),
                    zip);
            return new Outcome(ArchiveStatus.AVAILABLE, total / 1000, sizeOf(zip), null);
        } catch (IOException e) {
            return Outcome.failed("packaging failed: " + e.getMessage());
        }
    }

    /** None in archives recorded before layouts could change, or if the file is unreadable: laid out as started. */
    private List<LayoutChange> layoutChanges(Path folder) {
        Path file = folder.resolve(ArchiveRecording.LAYOUT_CHANGES);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return mapper.readValue(file.toFile(), LAYOUT_CHANGES);
        } catch (IOException e) {
            LOG.warnf("Cannot read %s, composing with the archive's layout: %s", file, e.getMessage());
            return List.of();
        }
    }

    /** What a file really holds decides what is composed: a stream whose video never had a key frame is audio. */
    private static RecordedTrack track(Path folder, RecordedStream stream) {
        Path file = folder.resolve(stream.file());
        boolean video = stream.hasVideo();
        boolean audio = stream.hasAudio();
        try {
            WebmInspector.Report report = WebmInspector.inspect(file);
            video = report.blockCount(WebmWriter.VIDEO_TRACK) > 0;
            audio = report.blockCount(WebmWriter.AUDIO_TRACK) > 0;
        } catch (IOException e) {
            LOG.debugf("Cannot inspect %s: %s", file, e.getMessage());
        }
        return new RecordedTrack(file, stream.startOffset(), stream.stopOffset(), video, audio, stream.streamId(),
                stream.screen(), stream.layoutClasses());
    }

    private synchronized CompositionQueue compositions() {
        if (compositions == null) {
            compositions = new CompositionQueue(new ArchiveComposer(FfmpegBinary.locate()),
                    CompositionQueue.DEFAULT_COMPOSERS);
        }
        return compositions;
    }

    static int[] resolution(String value) {
        if (value != null && value.matches("\\d{2,4}x\\d{2,4}")) {
            String[] parts = value.split("x");
            return new int[] {Integer.parseInt(parts[0]) & ~1, Integer.parseInt(parts[1]) & ~1};
        }
        return new int[] {640, 480};
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause.getCause() != null && cause.getMessage() == null)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
