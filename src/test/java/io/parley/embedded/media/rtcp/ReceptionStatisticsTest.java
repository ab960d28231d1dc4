package io.parley.embedded.media.rtcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReceptionStatisticsTest {

    private static final long MS = 1_000_000L;

    private final ReceptionStatistics stats = new ReceptionStatistics(0xABCDEF01L, 90_000);
    private long now;
    private long timestamp;

    /** Sends {@code count} packets from {@code first}, dropping those for which {@code lost} is true, 20 ms apart. */
    private void run(int first, int count, java.util.function.IntPredicate lost) {
        for (int i = 0; i < count; i++) {
            int seq = (first + i) & 0xFFFF;
            if (!lost.test(i)) {
                stats.onPacket(seq, timestamp, now);
            }
            now += 20 * MS;
            timestamp += 1800;
        }
    }

    @Test
    void receiverReportFromASequenceWithLosses() {
        run(65500, 100, i -> i % 5 == 2); // 20 of 100 lost, across the wrap
        ReportBlock block = stats.fill(new ReportBlock(), now);
        assertThat(block.ssrc).isEqualTo(0xABCDEF01L);
        assertThat(block.fractionLost).isEqualTo(20 * 256 / 100);
        assertThat(block.cumulativeLost).isEqualTo(20);
        assertThat(block.extendedHighestSequence).isEqualTo(65500 + 99);
        assertThat(block.extendedHighestSequence >>> 16).isEqualTo(1); // one wrap
        assertThat(block.jitter).isZero();

        run(65600, 100, i -> i % 20 == 3); // 5 more lost
        stats.fill(block, now);
        assertThat(block.fractionLost).isEqualTo(5 * 256 / 100);
        assertThat(block.cumulativeLost).isEqualTo(25);
        assertThat(stats.expected()).isEqualTo(200);
        assertThat(stats.received()).isEqualTo(175);

        run(65700, 50, i -> false);
        stats.fill(block, now);
        assertThat(block.fractionLost).isZero();
        assertThat(block.cumulativeLost).isEqualTo(25);

        byte[] rr = new byte[64];
        int len = Reports.writeReceiverReport(rr, 0, 0x5EEDL, new ReportBlock[] {block}, 1);
        assertThat(len).isEqualTo(32);
        RtcpCompound compound = new RtcpCompound().reset(rr, 0, len);
        assertThat(compound.next()).isTrue();
        ReceiverReport decoded = new ReceiverReport();
        assertThat(decoded.decode(rr, compound.offset(), compound.length())).isTrue();
        assertThat(decoded.ssrc()).isEqualTo(0x5EEDL);
        ReportBlock read = new ReportBlock();
        assertThat(decoded.reportBlock(0, read)).isTrue();
        assertThat(read).usingRecursiveComparison().isEqualTo(block);
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isNull();
    }

    @Test
    void reorderedPacketsAreNotLosses() {
        stats.onPacket(10, 0, 0);
        stats.onPacket(12, 3600, 40 * MS);
        stats.onPacket(11, 1800, 41 * MS);
        stats.onPacket(13, 5400, 60 * MS);
        ReportBlock block = stats.fill(new ReportBlock(), 60 * MS);
        assertThat(block.cumulativeLost).isZero();
        assertThat(block.fractionLost).isZero();
        assertThat(block.extendedHighestSequence).isEqualTo(13);
    }

    @Test
    void jitterFollowsRfc3550() {
        // Every other packet arrives 10 ms late: |D| is 900 timestamp units each time, so J tends to 900.
        for (int i = 0; i < 400; i++) {
            stats.onPacket(i, i * 1800L, i * 20 * MS + (i % 2) * 10 * MS);
        }
        assertThat((double) stats.jitter()).isCloseTo(900, within(2.0));
    }

    @Test
    void echoesTheLastSenderReport() {
        stats.onPacket(1, 0, 0);
        stats.onSenderReport(0xE9A1B2C380000000L, 1_000 * MS);
        ReportBlock block = stats.fill(new ReportBlock(), 1_500 * MS);
        assertThat(block.lastSenderReport).isEqualTo(0xB2C38000L);
        assertThat(block.delaySinceLastSenderReport).isEqualTo(32768); // 0.5 s in 1/65536 s
    }

    @Test
    void aSourceThatRestartsIsFollowedAfterTwoPackets() {
        run(100, 10, i -> false);
        stats.onPacket(40_000, timestamp, now);
        assertThat(stats.expected()).isEqualTo(10); // one wild packet is ignored
        stats.onPacket(40_001, timestamp + 1800, now + 20 * MS);
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.lost()).isZero();
    }

    @Test
    void noPacketsNoReport() {
        ReportBlock block = stats.fill(new ReportBlock(), 0);
        assertThat(block.fractionLost).isZero();
        assertThat(block.cumulativeLost).isZero();
        assertThat(block.extendedHighestSequence).isZero();
    }
}
