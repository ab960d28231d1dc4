package io.parley.embedded.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a live input's reader (FFmpeg, here the test) gets from a feed: a WebM that starts with the key frame seen
 * before the period, keeps flowing through a publisher's silence and stalls (repeated key frame, Opus silence), and
 * never carries a delta frame that has no key frame to be decoded from.
 */
class LiveStreamFeedTest {

    @TempDir
    Path dir;

    private final Random random = new Random(3);

    @Test
    void aStalledPublisherStillFeedsFramesAndSilenceAndDeltasWaitForARealKeyFrame() throws Exception {
        LiveInput input = new LiveInput(dir.resolve("in.sock"));
        Path received = dir.resolve("received.webm");
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(dir.resolve("in.sock"), received));
        long start = System.nanoTime();
        byte[] before = Packets.keyFrame(320, 240, 900, random);
        LiveStreamFeed feed = new LiveStreamFeed(input, true, true, before, start);
        assertThat(feed.needsKeyFrame()).as("the publisher's next key frame is wanted").isTrue();

        // a delta frame of the publisher before its key frame: not decodable after the one from before the period
        int sequence = 100;
        for (byte[] packet : Packets.vp8(sequence, 90_000, Packets.deltaFrame(500, random), 2, 1)) {
            feed.onRtp(true, packet, packet.length, start + 10_000_000L);
        }
        sequence += 2;
        // a second of nothing: the stall
        feed.keepAlive(start + 1_000_000_000L);
        byte[] key = Packets.keyFrame(320, 240, 1200, random);
        for (byte[] packet : Packets.vp8(sequence, 90_000 + 90_000, key, 3, 2)) {
            feed.onRtp(true, packet, packet.length, start + 1_010_000_000L);
        }
        sequence += 3;
        for (byte[] packet : Packets.vp8(sequence, 90_000 + 93_000, Packets.deltaFrame(500, random), 2, 3)) {
            feed.onRtp(true, packet, packet.length, start + 1_043_000_000L);
        }
        assertThat(feed.needsKeyFrame()).isFalse();
        assertThat(feed.latestKeyFrame()).isEqualTo(key);
        feed.close();
        reading.get(10, TimeUnit.SECONDS);

        List<long[]> video = new ArrayList<>();
        List<Long> audio = new ArrayList<>();
        WebmInspector.Report report = WebmInspector.inspect(received, (track, millis, keyFrame, length) -> {
            if (track == WebmWriter.VIDEO_TRACK) {
                video.add(new long[] {millis, keyFrame ? 1 : 0, length});
            } else {
                audio.add(millis);
            }
        });
        assertThat(report.usable()).isTrue();
        // the key frame from before at 0, the same one again in the stall, the real key frame, then its delta
        assertThat(video).extracting(v -> v[1]).containsExactly(1L, 1L, 1L, 0L);
        assertThat(video.get(0)[2]).isEqualTo(before.length);
        assertThat(video.get(1)[0]).isGreaterThanOrEqualTo(LiveStreamFeed.VIDEO_GAP_MILLIS);
        assertThat(video.get(2)[2]).isEqualTo(key.length);
        // a second of silence in 20 ms Opus frames, in order
        assertThat(audio.size()).isBetween(45, 52);
        assertThat(audio).isSorted();
        assertThat(input.droppedWrites()).isZero();
    }

    private static void read(Path socket, Path into) {
        try {
            SocketChannel channel = null;
            for (int attempt = 0; attempt < 100 && channel == null; attempt++) {
                try {
                    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(socket));
                } catch (java.io.IOException e) {
                    channel = null;
                    Thread.sleep(20);
                }
            }
            try (SocketChannel reader = channel; OutputStream out = Files.newOutputStream(into)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                while (reader.read(buffer) >= 0) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
