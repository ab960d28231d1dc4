package io.parley.embedded.media.srtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SRTP packets per second for a 1200-byte RTP packet (a typical video packet), one thread, for
 * both keystream implementations. Run through {@code io.parley.bench.Benchmarks}; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpBenchmark {
    static final int PACKET = 1200;
    /** Distinct protected packets replayed by the unprotect benchmark before its receiver is renewed. */
    private static final int STREAM = 4096;

    @Param({"ECB_KEYSTREAM", "JCE_CTR"})
    public String keystream;

    private SrtpKeys keys;
    private AesCm.Mode mode;
    private SrtpContext sender;
    private byte[] plain;
    private byte[] protectedOut;
    private int seq;

    private byte[][] stream;
    private SrtpContext receiver;
    private byte[] unprotectedOut;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        mode = AesCm.Mode.valueOf(keystream);
        byte[] masterKey = new byte[16];
        byte[] masterSalt = new byte[14];
        for (int i = 0; i < 16; i++) {
            masterKey[i] = (byte) (i * 13 + 1);
        }
        for (int i = 0; i < 14; i++) {
            masterSalt[i] = (byte) (i * 7 + 3);
        }
        keys = SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, masterKey, masterSalt);
        sender = new SrtpContext(keys, SrtpContext.DEFAULT_MAX_SSRCS, mode);
        plain = rtp(0);
        protectedOut = new byte[PACKET + 16];

        SrtpContext streamSender = new SrtpContext(keys, SrtpContext.DEFAULT_MAX_SSRCS, mode);
        stream = new byte[STREAM][];
        for (int i = 0; i < STREAM; i++) {
            byte[] packet = new byte[PACKET + 10];
            int length = streamSender.protect(rtp(i), 0, PACKET, packet, 0);
            if (length != packet.length) {
                throw new IllegalStateException("protect failed: " + length);
            }
            stream[i] = packet;
        }
        receiver = new SrtpContext(keys, SrtpContext.DEFAULT_MAX_SSRCS, mode);
        unprotectedOut = new byte[PACKET];
    }

    /** One packet protected; the sequence number advances like a real sender's. */
    @Benchmark
    public int protect() {
        int s = seq = (seq + 1) & 0xFFFF;
        plain[2] = (byte) (s >>> 8);
        plain[3] = (byte) s;
        return sender.protect(plain, 0, PACKET, protectedOut, 0);
    }

    /**
     * One packet authenticated and decrypted. The replay window would refuse a packet seen before,
     * so after the stream a fresh receiver takes over (once per 4096 packets, under 1% of the time).
     */
    @Benchmark
    public int unprotect() {
        if (next == STREAM) {
            next = 0;
            receiver = new SrtpContext(keys, SrtpContext.DEFAULT_MAX_SSRCS, mode);
        }
        int length = receiver.unprotect(stream[next++], 0, PACKET + 10, unprotectedOut, 0);
        if (length != PACKET) {
            throw new IllegalStateException("unprotect failed: " + length);
        }
        return length;
    }

    private static byte[] rtp(int seq) {
        byte[] packet = new byte[PACKET];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        packet[8] = 0x12;
        packet[9] = 0x34;
        packet[10] = 0x56;
        packet[11] = 0x78;
        for (int i = 12; i < PACKET; i++) {
            packet[i] = (byte) (i * 31 + seq);
        }
        return packet;
    }
}
