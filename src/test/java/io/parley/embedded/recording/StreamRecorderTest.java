package io.parley.embedded.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class StreamRecorderTest {

    private static final long MS = 1_000_000L;
    private static final long START = 1_000_000_000_000L;

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    private record Block(int track, long time, boolean key) {
    }

    /** Feeds {@code seconds} of 30 fps video (a key frame every second) and 20 ms audio, interleaved by arrival time. */
    private void feed(StreamRecorder recorder, int seconds, int width, int height, TreeSet<Long> flushedSizes) {
        int videoSequence = 60_000;
        int audioSequence = 65_000;
        int frames = seconds * 30;
        int audioPackets = seconds * 50;
        int v = 0;
        int a = 0;
        while (v < frames || a < audioPackets) {
            long videoAt = v * 1000L / 30;
            long audioAt = a * 20L;
            if (v < frames && (a >= audioPackets || videoAt <= audioAt)) {
                byte[] frame = v % 30 == 0 ? Packets.keyFrame(width, height, 2500, random) : Packets.deltaFrame(700, random);
                for (byte[] packet : Packets.vp8(videoSequence, 3000L * v, frame, v % 30 == 0 ? 3 : 1, v)) {
                    recorder.onRtp(true, packet, 0, packet.length, START + videoAt * MS);
                }
                videoSequence += v % 30 == 0 ? 3 : 1;
                v++;
            } else {
                byte[] packet = Packets.opus(audioSequence++, 960L * a, random);
                recorder.onRtp(false, packet, 0, packet.length, START + audioAt * MS);
                a++;
            }
            if (flushedSizes != null) {
                flushedSizes.add(recorder.bytesWritten());
            }
        }
    }

    private static List<Block> blocks(Path file) throws IOException {
        List<Block> blocks = new ArrayList<>();
        WebmInspector.inspect(file, (track, time, key, length) -> blocks.add(new Block(track, time, key)));
        return blocks;
    }

    @Test
    void writesAWebmWithBothTracksAndRtpTiming() throws IOException {
        Path file = dir.resolve("stream.webm");
        try (StreamRecorder recorder = new StreamRecorder(file, true, true, START)) {
            assertThat(recorder.needsKeyFrame()).isTrue();
            feed(recorder, 3, 320, 240, null);
            assertThat(recorder.needsKeyFrame()).isFalse();
            assertThat(recorder.durationMillis()).isBetween(2960L, 2990L);
        }

        WebmInspector.Report report = WebmInspector.inspect(file);
        assertThat(report.docType()).isEqualTo("webm");
        assertThat(report.closed()).isTrue();
        assertThat(report.usableLength()).isEqualTo(Files.size(file));
        assertThat(report.track(1).codecId()).isEqualTo("V_VP8");
        assertThat(report.track(1).width()).isEqualTo(320);
        assertThat(report.track(1).height()).isEqualTo(240);
        assertThat(report.track(2).codecId()).isEqualTo("A_OPUS");
        assertThat(report.track(2).channels()).isEqualTo(2);
        assertThat(report.track(2).samplingFrequency()).isEqualTo(48_000.0);
        assertThat(report.blockCount(1)).isEqualTo(90);
        assertThat(report.blockCount(2)).isEqualTo(150);
        assertThat(report.clusters()).isGreaterThanOrEqualTo(3);

        List<Block> blocks = blocks(file);
        List<Long> video = blocks.stream().filter(b -> b.track == 1).map(Block::time).toList();
        List<Long> audio = blocks.stream().filter(b -> b.track == 2).map(Block::time).toList();
        for (int i = 1; i < video.size(); i++) {
            assertThat(video.get(i) - video.get(i - 1)).isBetween(33L, 34L);
        }
        for (int i = 1; i < audio.size(); i++) {
            assertThat(audio.get(i) - audio.get(i - 1)).isEqualTo(20L);
        }
        assertThat(blocks.stream().filter(b -> b.track == 1 && b.key).map(Block::time)).containsExactly(0L, 1000L, 2000L);
        assertThat(blocks.stream().filter(b -> b.track == 2).allMatch(Block::key)).isTrue();
    }

    @Test
    void aLateJoinKeepsItsPlaceOnTheRecordingClock() throws IOException {
        Path file = dir.resolve("late.webm");
        try (StreamRecorder recorder = new StreamRecorder(file, true, false, START - 4000 * MS)) {
            for (int a = 0; a < 10; a++) {
                byte[] packet = Packets.opus(a, 960L * a, random);
                recorder.onRtp(false, packet, 0, packet.length, START + a * 20 * MS);
            }
        }
        WebmInspector.Report report = WebmInspector.inspect(file);
        assertThat(report.tracks()).extracting(WebmInspector.Track::codecId).containsExactly("A_OPUS");
        assertThat(report.firstTimestamp()).isEqualTo(4000);
        assertThat(report.lastTimestamp()).isEqualTo(4180);
    }

    @Test
    void aLostPacketSkipsVideoUntilTheNextKeyFrame() throws IOException {
        Path file = dir.resolve("loss.webm");
        try (StreamRecorder recorder = new StreamRecorder(file, false, true, START)) {
            int sequence = 0;
            for (int v = 0; v < 60; v++) {
                byte[] frame = v % 30 == 0 ? Packets.keyFrame(640, 480, 2500, random) : Packets.deltaFrame(2000, random);
                List<byte[]> packets = Packets.vp8(sequence, 3000L * v, frame, 2, v);
                sequence += 2;
                if (v == 10) {
                    packets.remove(1);
                }
                for (byte[] packet : packets) {
                    recorder.onRtp(true, packet, 0, packet.length, START + v * 33 * MS);
                }
                if (v == 15) {
                    assertThat(recorder.needsKeyFrame()).isTrue();
                }
            }
            assertThat(recorder.needsKeyFrame()).isFalse();
            assertThat(recorder.droppedVideoFrames()).isEqualTo(20);
        }
        List<Block> blocks = blocks(file);
        assertThat(blocks).hasSize(40);
        assertThat(blocks.get(10).time()).isEqualTo(1000);
        assertThat(blocks.get(10).key()).isTrue();
        assertThat(blocks.get(9).time()).isEqualTo(300);
    }

    @Test
    void senderReportsPutAudioAndVideoOfTheSameInstantAtTheSameTime() throws IOException {
        Path file = dir.resolve("sync.webm");
        long ntp = (3_913_056_000L << 32) | (1L << 31);
        try (StreamRecorder recorder = new StreamRecorder(file, true, true, START)) {
            recorder.onSenderReport(true, ntp, 700_000);
            recorder.onSenderReport(false, ntp, 123_456);
            for (int i = 0; i < 10; i++) {
                // video arrives 80 ms behind audio: the network, not the media, is late
                byte[] frame = i == 0 ? Packets.keyFrame(640, 480, 1000, random) : Packets.deltaFrame(500, random);
                for (byte[] packet : Packets.vp8(i, 700_000 + 9000L * i, frame, 1, i)) {
                    recorder.onRtp(true, packet, 0, packet.length, START + (500 + 100 * i + 80) * MS);
                }
                for (int k = 0; k < 5; k++) {
                    byte[] packet = Packets.opus(i * 5 + k, 123_456 + 4800L * i + 960L * k, random);
                    recorder.onRtp(false, packet, 0, packet.length, START + (500 + 100 * i + 20 * k) * MS);
                }
            }
        }
        List<Block> blocks = blocks(file);
        List<Long> video = blocks.stream().filter(b -> b.track == 1).map(Block::time).toList();
        List<Long> audio = blocks.stream().filter(b -> b.track == 2).map(Block::time).toList();
        assertThat(video).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(audio.get(5 * i)).isEqualTo(video.get(i));
        }
    }

    @Test
    void aFileCutAnywhereKeepsEveryCompleteCluster() throws IOException {
        Path file = dir.resolve("crash.webm");
        TreeSet<Long> clusterEnds = new TreeSet<>();
        StreamRecorder recorder = new StreamRecorder(file, true, true, START);
        feed(recorder, 5, 640, 480, clusterEnds);
        // no close(): the process "crashes" with a cluster still in memory
        long headerEnd = clusterEnds.first();
        clusterEnds.remove(headerEnd);
        List<Block> all = blocks(file);
        WebmInspector.Report crashed = WebmInspector.inspect(file);
        assertThat(crashed.closed()).isFalse();
        assertThat(crashed.usable()).isTrue();
        assertThat(crashed.lastTimestamp()).isGreaterThan(3900);

        byte[] bytes = Files.readAllBytes(file);
        Random cuts = new Random(3);
        for (int i = 0; i < 40; i++) {
            int cut = (int) (clusterEnds.first() + cuts.nextInt((int) (bytes.length - clusterEnds.first() + 1)));
            Path truncated = dir.resolve("cut" + i + ".webm");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, cut));
            long expectedEnd = clusterEnds.floor((long) cut);

            WebmInspector.Report report = WebmInspector.inspect(truncated);
            List<Block> kept = blocks(truncated);

            assertThat(report.usable()).isTrue();
            assertThat(report.usableLength()).isEqualTo(expectedEnd);
            assertThat(kept).isEqualTo(all.subList(0, kept.size()));
            assertThat(report.tracks()).hasSize(2);
        }
        recorder.close();
    }

    @Test
    void aFileThatCannotBeWrittenFailsTheRecordingWithAReason() {
        assertThatThrownBy(() -> new StreamRecorder(dir.resolve("missing/dir/x.webm"), true, true, START))
                .isInstanceOf(RecordingFailedException.class)
                .hasMessageContaining("cannot create");
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full));
        assertThatThrownBy(() -> new StreamRecorder(full, true, true, START))
                .isInstanceOf(RecordingFailedException.class)
                .hasMessageContaining("No space left");
    }

    @Test
    void writerRefusesNeitherAudioNorVideo() throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("none.webm"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> new WebmWriter(channel, false, false)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void ffprobeFindsVp8AndOpusInClosedAndCrashedFiles() throws Exception {
        Path closed = dir.resolve("probe.webm");
        try (StreamRecorder recorder = new StreamRecorder(closed, true, true, START)) {
            feed(recorder, 2, 640, 480, null);
        }
        assertThat(ffprobe(closed)).contains("vp8,640,480", "opus");

        Path crashed = dir.resolve("probe-crash.webm");
        byte[] bytes = Files.readAllBytes(closed);
        Files.write(crashed, java.util.Arrays.copyOf(bytes, bytes.length - 1234));
        assertThat(ffprobe(crashed)).contains("vp8,640,480", "opus");
    }

    private static String ffprobe(Path file) throws Exception {
        // the bundled ffprobe, so that this runs everywhere the recorder does
        FfmpegBinary bundled = FfmpegBinary.locate();
        Process process = bundled.processBuilder(List.of(bundled.ffprobe().orElseThrow().toString(), "-v", "error",
                "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
