package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs compositions off the request path, a few at a time: FFmpeg uses every core it is given, so running several
 * archives' compositions at once only makes each one slower and starves the media router. The pool size is meant to
 * come from {@code parley.recording.composers} (default {@value #DEFAULT_COMPOSERS}); waiting compositions queue in
 * order of submission.
 *
 * <p>The returned futures complete on a composer thread; a caller on a Vert.x event loop must not block on them.
 */
public final class CompositionQueue implements AutoCloseable {

  public static final int DEFAULT_COMPOSERS = 1;

  private final ArchiveComposer composer;
  private final ExecutorService composers;

  public CompositionQueue(ArchiveComposer composer, int composers) {
    if (composers < 1) {
      throw new IllegalArgumentException("parley.recording.composers must be at least 1, got " + composers);
    }
    this.composer = composer;
    this.composers = Executors.newFixedThreadPool(composers, new Named());
  }

  /**
   * Queues a composition (arguments as {@link ArchiveComposer#compose}). The future fails with a
   * {@link CompletionException} whose cause is a {@link CompositionFailedException} when FFmpeg fails, and with a
   * {@link RejectedExecutionException} once the queue is closed.
   */
  public CompletableFuture<Optional<MediaProbe>> submit(List<RecordedTrack> tracks, Path output, int width,
      int height, boolean hasAudio, boolean hasVideo, Duration total) {
    return submit(tracks, output, width, height, hasAudio, hasVideo, total, ArchiveLayout.BEST_FIT, null);
  }

  /** With a layout, its changes while recording and a bitrate cap, as {@link ArchiveComposer#compose} takes them. */
  public CompletableFuture<Optional<MediaProbe>> submit(List<RecordedTrack> tracks, Path output, int width,
      int height, boolean hasAudio, boolean hasVideo, Duration total, ArchiveLayout layout, Integer maxBitrate) {
    return submit(tracks, output, width, height, hasAudio, hasVideo, total, layout, List.of(), maxBitrate);
  }

  public CompletableFuture<Optional<MediaProbe>> submit(List<RecordedTrack> tracks, Path output, int width,
      int height, boolean hasAudio, boolean hasVideo, Duration total, ArchiveLayout layout,
      List<LayoutChange> changes, Integer maxBitrate) {
    List<RecordedTrack> copy = List.copyOf(tracks);
    List<LayoutChange> changesCopy = List.copyOf(changes);
    return run(() -> {
      try {
        return composer.compose(copy, output, width, height, hasAudio, hasVideo, total, layout, changesCopy,
            maxBitrate);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompositionFailedException("composition interrupted by shutdown", e);
      }
    });
  }

  /** Runs a job on a composer thread; a {@link CompositionFailedException} becomes the future's cause. */
  <T> CompletableFuture<T> run(Job<T> job) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return job.run();
        } catch (CompositionFailedException e) {
          throw new CompletionException(e);
        }
      }, composers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @FunctionalInterface
  interface Job<T> {
    T run() throws CompositionFailedException;
  }

  /** Stops taking work and interrupts running compositions, which kills their FFmpeg processes. */
  @Override
  public void close() {
    composers.shutdownNow();
  }

  private static final class Named implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "parley-composer-" + count.incrementAndGet());
      // Daemon: a composition in progress must not keep the JVM alive; an archive left STOPPED is recomposed on start-up.
      t.setDaemon(true);
      return t;
    }
  }
}
