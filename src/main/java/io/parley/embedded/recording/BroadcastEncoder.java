package io.parley.embedded.recording;

import io.parley.video.RtmpOutput;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One period's FFmpeg process of a live broadcast ({@link LiveComposer}'s command): started in the HLS folder, its
 * output copied to the broadcast's log with every RTMP stream name (a streaming service's key, which FFmpeg prints in
 * the URLs it fails to open) replaced by {@code ***}, and the RTMP destinations it gives up noted as it says so.
 */
final class BroadcastEncoder {

    private static final Logger LOG = Logger.getLogger(BroadcastEncoder.class);
    private static final long STOP_WAIT_SECONDS = 5;
    /** How the tee muxer reports an output it dropped; outputs count from 0, HLS first when there is one. */
    private static final Pattern SLAVE_FAILED = Pattern.compile("Slave muxer #(\\d+) failed");

    private final String broadcastId;
    private final Process process;
    private final List<RtmpOutput> rtmp;
    private final boolean hls;
    private final Path logFile;
    private final boolean[] rtmpFailed;
    private final long startedNanos = System.nanoTime();

    private BroadcastEncoder(String broadcastId, Process process, List<RtmpOutput> rtmp, boolean hls, Path logFile) {
        this.broadcastId = broadcastId;
        this.process = process;
        this.rtmp = rtmp;
        this.hls = hls;
        this.logFile = logFile;
        this.rtmpFailed = new boolean[rtmp.size()];
    }

    static BroadcastEncoder start(String broadcastId, FfmpegBinary ffmpeg, List<String> command, Path hlsFolder,
                                  Path logFile, List<RtmpOutput> rtmp, boolean hls) throws IOException {
        Process process = ffmpeg.processBuilder(command)
                .directory(hlsFolder.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        BroadcastEncoder encoder = new BroadcastEncoder(broadcastId, process, rtmp, hls, logFile);
        Thread reader = new Thread(encoder::copyOutput, "parley-broadcast-log-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return encoder;
    }

    long startedNanos() {
        return startedNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Whether FFmpeg gave the {@code index}th RTMP destination up. */
    synchronized boolean rtmpFailed(int index) {
        return index >= 0 && index < rtmpFailed.length && rtmpFailed[index];
    }

    /** FFmpeg's CPU time so far over the wall time since it started (1.0: one core), or -1 when unknown. */
    double cpuShare() {
        long wall = Math.max(1, System.nanoTime() - startedNanos);
        return process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / (double) wall).orElse(-1.0);
    }

    /**
     * Ends FFmpeg with SIGTERM, on which it finishes its segment and playlist (its inputs must have ended first:
     * FFmpeg blocked reading one would not see the signal), and kills it if it has not exited in a few seconds.
     */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String redact(String line) {
        String redacted = line;
        for (RtmpOutput destination : rtmp) {
            redacted = redacted.replace(destination.streamName(), "***");
        }
        return redacted;
    }

    private void copyOutput() {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8);
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.write(redact(line));
                log.write('\n');
                log.flush();
                Matcher failed = SLAVE_FAILED.matcher(line);
                if (failed.find()) {
                    givenUp(Integer.parseInt(failed.group(1)) - (hls ? 1 : 0));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Broadcast %s: FFmpeg's output: %s", broadcastId, e.getMessage());
        }
    }

    private void givenUp(int destination) {
        synchronized (this) {
            if (destination < 0 || destination >= rtmpFailed.length) {
                return;
            }
            rtmpFailed[destination] = true;
        }
        LOG.warnf("Broadcast %s: RTMP destination %s failed; %s says why", broadcastId, rtmp.get(destination).id(),
                logFile);
    }
}
