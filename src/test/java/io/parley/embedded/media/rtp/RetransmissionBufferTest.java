package io.parley.embedded.media.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetransmissionBufferTest {

    private final RetransmissionBuffer buffer = new RetransmissionBuffer(512, 1500);

    private static byte[] packet(int seq, int len) {
        byte[] p = new byte[len];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        for (int i = 12; i < len; i++) {
            p[i] = (byte) (seq + i);
        }
        return p;
    }

    @Test
    void storesAndReturnsCopies() {
        byte[] original = packet(100, 200);
        assertThat(buffer.store(original, 0, 200, 100)).isTrue();
        original[50] ^= 0x7F; // the buffer holds a copy, not the caller's array
        byte[] out = new byte[1500];
        assertThat(buffer.copyTo(100, out, 10)).isEqualTo(200);
        assertThat(out[10 + 50]).isEqualTo(packet(100, 200)[50]);
        assertThat(buffer.length(100)).isEqualTo(200);
        assertThat(buffer.get(100)[3]).isEqualTo((byte) 100);
        assertThat(buffer.get(101)).isNull();
        assertThat(buffer.length(101)).isEqualTo(-1);
        assertThat(buffer.copyTo(101, out, 0)).isEqualTo(-1);
        assertThat(buffer.copyTo(100, new byte[199], 0)).isEqualTo(-1);
    }

    @Test
    void storesFromAnOffset() {
        byte[] datagram = new byte[300];
        System.arraycopy(packet(7, 100), 0, datagram, 40, 100);
        assertThat(buffer.store(datagram, 40, 100, 7)).isTrue();
        byte[] out = new byte[100];
        assertThat(buffer.copyTo(7, out, 0)).isEqualTo(100);
        assertThat(out).isEqualTo(packet(7, 100));
    }

    @Test
    void aNewerPacketInTheSameSlotEvictsTheOlderOne() {
        buffer.store(packet(10, 100), 0, 100, 10);
        buffer.store(packet(10 + 512, 120), 0, 120, 10 + 512);
        assertThat(buffer.get(10)).isNull();
        assertThat(buffer.length(10 + 512)).isEqualTo(120);
    }

    @Test
    void aLateOlderPacketDoesNotEvictANewerOne() {
        buffer.store(packet(10 + 512, 120), 0, 120, 10 + 512);
        assertThat(buffer.store(packet(10, 100), 0, 100, 10)).isFalse();
        assertThat(buffer.length(10 + 512)).isEqualTo(120);
        assertThat(buffer.contains(10)).isFalse();
    }

    @Test
    void wrapsFrom65535ToZero() {
        for (int i = 0; i < 600; i++) {
            int seq = (65535 - 300 + i) & 0xFFFF;
            assertThat(buffer.store(packet(seq, 60), 0, 60, seq)).isTrue();
        }
        int newest = (65535 - 300 + 599) & 0xFFFF;
        assertThat(buffer.contains(65535)).isTrue();
        assertThat(buffer.contains(0)).isTrue();
        assertThat(buffer.contains(newest)).isTrue();
        assertThat(buffer.contains(SequenceNumbers.add(newest, -511))).isTrue();
        assertThat(buffer.contains(SequenceNumbers.add(newest, -512))).isFalse();
        assertThat(buffer.get(0)[3]).isEqualTo((byte) 0);
        assertThat(buffer.get(65535)[3]).isEqualTo((byte) 0xFF);
    }

    @Test
    void reusesSlotArraysOnceWarm() {
        buffer.store(packet(1, 100), 0, 100, 1);
        byte[] slot = buffer.get(1);
        buffer.store(packet(513, 100), 0, 100, 513);
        assertThat(buffer.get(513)).isSameAs(slot);
    }

    @Test
    void refusesWhatItCannotHold() {
        assertThat(buffer.store(new byte[1501], 0, 1501, 1)).isFalse();
        assertThat(buffer.store(new byte[10], 5, 10, 1)).isFalse();
        assertThat(buffer.store(null, 0, 10, 1)).isFalse();
        assertThat(buffer.store(new byte[10], 0, 0, 1)).isFalse();
        buffer.store(packet(3, 50), 0, 50, 3);
        buffer.clear();
        assertThat(buffer.contains(3)).isFalse();
        assertThatThrownBy(() -> new RetransmissionBuffer(500, 1500)).isInstanceOf(IllegalArgumentException.class);
    }
}
