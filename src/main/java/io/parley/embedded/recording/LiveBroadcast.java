package io.parley.embedded.recording;

import io.parley.embedded.media.router.RtpObserver;
import io.parley.video.ArchiveLayout;
import io.parley.video.HlsOutput;
import io.parley.video.RtmpOutput;
import io.parley.video.Stream;
import io.parley.video.VideoType;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One running live broadcast of a routed session: the router's tap for the session, feeding the live composer.
 *
 * <p>A broadcast runs as a sequence of periods. In a period one FFmpeg process composes a fixed set of streams with a
 * fixed layout ({@link LiveComposer}); when a stream comes or goes, or the layout or a stream's layout classes change,
 * the period ends and the next one starts with the new set, after {@link #SETTLE_MILLIS} so that a burst of changes
 * (a participant publishing camera and screen) restarts once. HLS viewers see a discontinuity and carry on; RTMP
 * destinations see the publisher reconnect. FFmpeg cannot add an input to a running graph, which is why.
 *
 * <p>A stream's video joins a period only once one of its key frames has been seen, and its feed starts with it, so
 * a period never waits for a picture. Everything runs on the broadcast's own thread; packets are copied on the media
 * thread and, past {@link #MAX_PENDING}, dropped rather than queued without bound. If FFmpeg exits by itself (an
 * RTMP server gone, say), the period starts again after {@link #RETRY_MILLIS}.
 */
final class LiveBroadcast implements RtpObserver {

    private static final Logger LOG = Logger.getLogger(LiveBroadcast.class);
    static final long SETTLE_MILLIS = 300;
    static final long RETRY_MILLIS = 2000;
    static final long KEY_FRAME_WAIT_MILLIS = 1500;
    static final long TICK_MILLIS = 100;
    static final int MAX_PENDING = 4000;
    static final String LOG_FILE = "ffmpeg.log";
    static final long LIVE_AFTER_MILLIS = 2000;

    private final String id;
    private final Path hlsFolder;
    private final Path logFile;
    private final Path socketFolder;
    private final LiveComposer composer;
    private final FfmpegBinary ffmpeg;
    private final int width;
    private final int height;
    private final HlsOutput hls;
    private final List<RtmpOutput> rtmp;
    private final Integer maxBitrate;
    private final Function<String, Stream> describe;
    private final Consumer<String> requestKeyFrame;
    private final ScheduledExecutorService thread;
    private final PacketHandOff packets;
    // on the broadcast's thread only
    private ArchiveLayout layout;
    private final Map<String, boolean[]> sending = new LinkedHashMap<>();
    private final Map<String, byte[]> keyFrames = new HashMap<>();
    /** Streams whose video is not in the period yet: reassembled only to catch their first key frame. */
    private final Map<String, Vp8Depacketizer> awaitingKeyFrame = new HashMap<>();
    /** The running period, null between periods; written on the broadcast's thread, RTMP status reads it. */
    private volatile Period period;
    private boolean recomposeScheduled;
    private boolean stopped;
    private int inputs;
    private int periods;

    /** One FFmpeg run and the feeds it reads. */
    private record Period(BroadcastEncoder encoder, Map<String, LiveStreamFeed> feeds) {
    }

    LiveBroadcast(String id, Path folder, FfmpegBinary ffmpeg, int width, int height, ArchiveLayout layout,
                  HlsOutput hls, List<RtmpOutput> rtmp, Integer maxBitrate, Function<String, Stream> describe,
                  Consumer<String> requestKeyFrame) throws IOException {
        this.id = id;
        this.hlsFolder = Files.createDirectories(folder.resolve("hls"));
        this.logFile = folder.resolve(LOG_FILE);
        // a short private folder: a Unix socket's path holds at most 107 bytes
        this.socketFolder = Files.createTempDirectory("parley-live-",
                PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
        this.composer = new LiveComposer(ffmpeg);
        this.ffmpeg = ffmpeg;
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.hls = hls;
        this.rtmp = List.copyOf(rtmp);
        this.maxBitrate = maxBitrate;
        this.describe = describe;
        this.requestKeyFrame = requestKeyFrame;
        // what the media thread hands over after the stop (the untap reaches it later) is dropped, never thrown
        // back at it
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "parley-broadcast-" + id.substring(0, Math.min(8, id.length())));
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        this.packets = new PacketHandOff(thread, MAX_PENDING);
        // the tap tells of the streams already there first: the first period starts once they are known
        thread.execute(this::scheduleRecompose);
        thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The HLS playlist, once FFmpeg has written one. */
    Path playlist() {
        return hlsFolder.resolve(LiveComposer.PLAYLIST);
    }

    Path hlsFolder() {
        return hlsFolder;
    }

    /**
     * Vonage's status of the {@code index}th RTMP destination: {@code connecting} until a period has run for
     * {@link #LIVE_AFTER_MILLIS} without FFmpeg giving the destination up, then {@code live}; {@code error} once it
     * did, until the next period tries again.
     */
    String rtmpStatus(int index) {
        Period running = period;
        if (running == null || !running.encoder().alive()) {
            return "connecting";
        }
        if (running.encoder().rtmpFailed(index)) {
            return "error";
        }
        return System.nanoTime() - running.encoder().startedNanos() >= LIVE_AFTER_MILLIS * 1_000_000 ? "live"
                : "connecting";
    }

    void layoutChanged(ArchiveLayout newLayout) {
        thread.execute(() -> {
            layout = newLayout;
            scheduleRecompose();
        });
    }

    /** A stream's layout classes changed: the next period places it by the new ones. */
    void layoutClassesChanged() {
        thread.execute(this::scheduleRecompose);
    }

    @Override
    public void streamStarted(String streamId, boolean hasAudio, boolean hasVideo) {
        thread.execute(() -> {
            sending.put(streamId, new boolean[] {hasAudio, hasVideo});
            if (hasVideo) {
                awaitingKeyFrame.put(streamId, new Vp8Depacketizer(frame -> {
                    if (frame.keyFrame()) {
                        keyFrames.put(streamId, frame.data());
                    }
                }));
                requestKeyFrame.accept(streamId);
                // its audio and video join together with the first key frame, in one restart; if that is slow
                // to come, the audio joins without waiting for it
                thread.schedule(() -> {
                    boolean audioOnAir = period != null && period.feeds().containsKey(streamId);
                    if (hasAudio && !audioOnAir && awaitingKeyFrame.containsKey(streamId)) {
                        scheduleRecompose();
                    }
                }, KEY_FRAME_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } else if (hasAudio) {
                scheduleRecompose();
            }
        });
    }

    @Override
    public void onRtp(String streamId, boolean video, byte[] packet, int length, long arrivalNanos) {
        byte[] copy = Arrays.copyOf(packet, length);
        packets.submit(() -> {
            if (stopped) {
                return;
            }
            LiveStreamFeed feed = period == null ? null : period.feeds().get(streamId);
            if (feed != null && (!video || feed.hasVideo())) {
                feed.onRtp(video, copy, length, arrivalNanos);
                if (video && feed.needsKeyFrame()) {
                    requestKeyFrame.accept(streamId);
                }
                return;
            }
            Vp8Depacketizer watcher = video ? awaitingKeyFrame.get(streamId) : null;
            if (watcher != null) {
                watcher.push(copy, 0, length);
                if (keyFrames.containsKey(streamId)) {
                    awaitingKeyFrame.remove(streamId);
                    scheduleRecompose();
                } else {
                    // asked again until one comes (the router throttles): one lost request must not keep the
                    // picture off the air
                    requestKeyFrame.accept(streamId);
                }
            }
        });
    }

    @Override
    public void onSenderReport(String streamId, boolean video, long ntpTimestamp, long rtpTimestamp) {
        thread.execute(() -> {
            LiveStreamFeed feed = period == null ? null : period.feeds().get(streamId);
            if (feed != null) {
                feed.onSenderReport(video, ntpTimestamp, rtpTimestamp);
            }
        });
    }

    @Override
    public void streamEnded(String streamId) {
        thread.execute(() -> {
            sending.remove(streamId);
            keyFrames.remove(streamId);
            awaitingKeyFrame.remove(streamId);
            scheduleRecompose();
        });
    }

    /** Ends the last period and closes the HLS playlist; completes when FFmpeg has exited. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            stopped = true;
            endPeriod();
            closePlaylist();
            deleteQuietly(socketFolder);
            if (packets.dropped() > 0) {
                LOG.warnf("Broadcast %s dropped %d packets it could not feed in time", id, packets.dropped());
            }
            done.complete(null);
        });
        thread.shutdown();
        return done;
    }

    private void scheduleRecompose() {
        if (recomposeScheduled || stopped) {
            return;
        }
        recomposeScheduled = true;
        thread.schedule(() -> {
            recomposeScheduled = false;
            if (!stopped) {
                endPeriod();
                startPeriod();
            }
        }, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (stopped || period == null) {
            return;
        }
        long now = System.nanoTime();
        period.feeds().values().forEach(feed -> feed.keepAlive(now));
        if (!period.encoder().alive() && !recomposeScheduled) {
            LOG.warnf("Broadcast %s: FFmpeg exited with %d; starting again in %d ms", id,
                    period.encoder().exitValue(), RETRY_MILLIS);
            endPeriod();
            startAgainLater();
        }
    }

    /** FFmpeg failed, or could not start: the next period starts after a pause. */
    private void startAgainLater() {
        recomposeScheduled = true;
        thread.schedule(() -> {
            recomposeScheduled = false;
            if (!stopped && period == null) {
                startPeriod();
            }
        }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void startPeriod() {
        long start = System.nanoTime();
        Map<String, LiveStreamFeed> feeds = new LinkedHashMap<>();
        List<LiveComposer.Source> sources = new ArrayList<>();
        try {
            for (Map.Entry<String, boolean[]> entry : sending.entrySet()) {
                String streamId = entry.getKey();
                byte[] keyFrame = keyFrames.get(streamId);
                boolean audio = entry.getValue()[0];
                boolean video = entry.getValue()[1] && keyFrame != null;
                if (!audio && !video) {
                    continue;
                }
                LiveInput input = new LiveInput(socketFolder.resolve("in" + (inputs++) + ".sock"));
                LiveStreamFeed feed = new LiveStreamFeed(input, audio, video, keyFrame, start);
                feeds.put(streamId, feed);
                Stream stream = describe.apply(streamId);
                sources.add(new LiveComposer.Source(feed.url(), streamId, audio, video,
                        stream != null && stream.videoType() == VideoType.SCREEN,
                        stream == null ? List.of() : stream.layoutClasses()));
                if (video) {
                    awaitingKeyFrame.remove(streamId);
                }
            }
            List<String> command = composer.command(sources, width, height, layout, hls, rtmp, maxBitrate);
            Files.writeString(logFile, "--- period " + (++periods) + ": " + sources.size() + " stream(s)\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            BroadcastEncoder started = BroadcastEncoder.start(id, ffmpeg, command, hlsFolder, logFile, rtmp,
                    hls != null);
            period = new Period(started, feeds);
            LOG.infof("Broadcast %s: period %d with %d stream(s) %s", id, periods, sources.size(),
                    feeds.entrySet().stream().map(e -> e.getKey() + (e.getValue().hasVideo() ? "" : " (audio only)"))
                            .toList());
        } catch (IOException | RuntimeException e) {
            feeds.values().forEach(LiveStreamFeed::abort);
            LOG.warnf("Broadcast %s: cannot start FFmpeg: %s", id, e.getMessage());
            period = null;
            startAgainLater();
        }
    }

    /**
     * FFmpeg's canvas never ends by itself, so a period is ended by closing its inputs and then its encoder; a key
     * frame seen in it is kept for the next period.
     */
    private void endPeriod() {
        Period ending = period;
        period = null;
        if (ending == null) {
            return;
        }
        ending.feeds().forEach((streamId, feed) -> {
            if (feed.hasVideo() && sending.containsKey(streamId)) {
                keyFrames.put(streamId, feed.latestKeyFrame());
            }
        });
        long stopping = System.nanoTime();
        double cpuShare = ending.encoder().cpuShare();
        // the inputs end first: FFmpeg blocked reading one would not see the signal
        ending.feeds().values().forEach(LiveStreamFeed::abort);
        ending.encoder().stop();
        LOG.infof("Broadcast %s: period %d of %d stream(s) ended in %d ms after %d s; FFmpeg used %.0f%% of a core",
                id, periods, ending.feeds().size(), (System.nanoTime() - stopping) / 1_000_000,
                (stopping - ending.encoder().startedNanos()) / 1_000_000_000L, cpuShare * 100);
        // streams with video that are still sending need a key frame for the next period's feeds to go on from
        ending.feeds().keySet().stream().filter(keyFrames::containsKey).forEach(requestKeyFrame);
    }

    /** Players stop reloading a playlist that ends: the broadcast is over. */
    private void closePlaylist() {
        Path playlist = playlist();
        if (hls == null || !Files.isRegularFile(playlist)) {
            return;
        }
        try {
            Files.writeString(playlist, "#EXT-X-ENDLIST\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.debugf("Cannot end %s: %s", playlist, e.getMessage());
        }
    }

    private static void deleteQuietly(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("Cannot remove %s: %s", folder, e.getMessage());
        }
    }
}
