package io.parley.embedded.recording;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Vp8DepacketizerTest {

    private final Random random = new Random(7);
    private final List<VideoFrame> frames = new ArrayList<>();
    private final Vp8Depacketizer depacketizer = new Vp8Depacketizer(frames::add);

    private void push(List<byte[]> packets) {
        for (byte[] packet : packets) {
            depacketizer.push(packet, 0, packet.length);
        }
    }

    @Test
    void aKeyFrameSplitOverPacketsComesOutWhole() {
        byte[] key = Packets.keyFrame(640, 480, 3000, random);
        assertThat(depacketizer.needsKeyFrame()).isTrue();

        push(Packets.vp8(100, 9000, key, 3, 1));

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).data()).isEqualTo(key);
        assertThat(frames.get(0).keyFrame()).isTrue();
        assertThat(frames.get(0).rtpTimestamp()).isEqualTo(9000);
        assertThat(depacketizer.needsKeyFrame()).isFalse();
    }

    @Test
    void deltaFramesBeforeTheFirstKeyFrameAreSkipped() {
        push(Packets.vp8(10, 0, Packets.deltaFrame(500, random), 2, 1));
        push(Packets.vp8(12, 3000, Packets.keyFrame(640, 480, 900, random), 2, 2));
        push(Packets.vp8(14, 6000, Packets.deltaFrame(500, random), 2, 3));

        assertThat(frames).extracting(VideoFrame::rtpTimestamp).containsExactly(3000L, 6000L);
        assertThat(frames).extracting(VideoFrame::keyFrame).containsExactly(true, false);
        assertThat(depacketizer.droppedFrames()).isEqualTo(1);
    }

    @Test
    void packetsReorderedWithinAndAcrossFramesStillAssemble() {
        byte[] key = Packets.keyFrame(640, 480, 2000, random);
        byte[] delta = Packets.deltaFrame(1200, random);
        List<byte[]> packets = new ArrayList<>(Packets.vp8(65534, 1000, key, 3, 1)); // wraps the sequence number
        packets.addAll(Packets.vp8(1, 4000, delta, 3, 2));
        Collections.swap(packets, 0, 1);
        Collections.swap(packets, 2, 4);

        push(packets);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).data()).isEqualTo(key);
        assertThat(frames.get(1).data()).isEqualTo(delta);
    }

    @Test
    void aLostPacketDropsItsFrameAndTheDeltasAfterItUntilAKeyFrame() {
        push(Packets.vp8(0, 0, Packets.keyFrame(640, 480, 1500, random), 3, 0));
        List<byte[]> broken = Packets.vp8(3, 3000, Packets.deltaFrame(1500, random), 3, 1);
        broken.remove(1);
        push(broken);
        int sequence = 6;
        for (int i = 2; i < 7; i++, sequence += 2) {
            push(Packets.vp8(sequence, 3000L * i, Packets.deltaFrame(800, random), 2, i));
        }
        assertThat(depacketizer.needsKeyFrame()).isTrue();
        assertThat(frames).hasSize(1);

        byte[] key = Packets.keyFrame(640, 480, 1500, random);
        push(Packets.vp8(sequence, 3000L * 7, key, 3, 7));
        push(Packets.vp8(sequence + 3, 3000L * 8, Packets.deltaFrame(800, random), 2, 8));

        assertThat(depacketizer.needsKeyFrame()).isFalse();
        assertThat(frames).extracting(VideoFrame::rtpTimestamp).containsExactly(0L, 21000L, 24000L);
        assertThat(frames.get(1).data()).isEqualTo(key);
        assertThat(depacketizer.droppedFrames()).isEqualTo(6);
    }

    @Test
    void aLostFirstPacketOfAFrameIsALossToo() {
        push(Packets.vp8(0, 0, Packets.keyFrame(640, 480, 900, random), 2, 0));
        List<byte[]> headless = Packets.vp8(2, 3000, Packets.deltaFrame(900, random), 3, 1);
        headless.remove(0);
        push(headless);
        push(Packets.vp8(5, 6000, Packets.deltaFrame(900, random), 2, 2));
        push(Packets.vp8(7, 9000, Packets.deltaFrame(900, random), 2, 3));
        push(Packets.vp8(9, 12000, Packets.deltaFrame(900, random), 2, 4));

        assertThat(frames).hasSize(1);
        assertThat(depacketizer.needsKeyFrame()).isTrue();
    }

    @Test
    void duplicatesAndLatePacketsAreIgnored() {
        List<byte[]> key = Packets.vp8(0, 0, Packets.keyFrame(640, 480, 900, random), 2, 0);
        push(key);
        push(key);
        push(Packets.vp8(2, 3000, Packets.deltaFrame(900, random), 2, 1));

        assertThat(frames).extracting(VideoFrame::rtpTimestamp).containsExactly(0L, 3000L);
        assertThat(depacketizer.needsKeyFrame()).isFalse();
    }
}
