package io.parley.embedded.media.rtcp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RtcpCompoundTest {

    /** What Chrome sends for a video sender that has not received anything yet: an SR without blocks, then SDES CNAME. */
    static final byte[] CHROME_SR_SDES = bytes(
            0x80, 0xC8, 0x00, 0x06,             // V=2 RC=0 PT=200 length 6 (28 bytes)
            0x12, 0x34, 0x56, 0x78,             // sender SSRC
            0xE9, 0xA1, 0xB2, 0xC3,             // NTP seconds
            0x80, 0x00, 0x00, 0x00,             // NTP fraction (.5 s)
            0x00, 0x01, 0x5F, 0x90,             // RTP timestamp 90000
            0x00, 0x00, 0x00, 0x64,             // 100 packets
            0x00, 0x01, 0x86, 0xA0,             // 100000 octets
            0x81, 0xCA, 0x00, 0x06,             // V=2 SC=1 PT=202 length 6 (28 bytes)
            0x12, 0x34, 0x56, 0x78,             // chunk SSRC
            0x01, 0x10,                         // CNAME, 16 bytes
            'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p',
            0x00, 0x00);                        // end of items, padded to the word boundary

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void walksAChromeSenderReportWithSdes() {
        RtcpCompound compound = new RtcpCompound().reset(CHROME_SR_SDES, 0, CHROME_SR_SDES.length);
        assertThat(Rtcp.looksLikeRtcp(CHROME_SR_SDES, 0, CHROME_SR_SDES.length)).isTrue();

        assertThat(compound.next()).isTrue();
        assertThat(compound.type()).isEqualTo(Rtcp.SR);
        assertThat(compound.offset()).isZero();
        assertThat(compound.length()).isEqualTo(28);
        SenderReport sr = new SenderReport();
        assertThat(sr.decode(CHROME_SR_SDES, compound.offset(), compound.length())).isTrue();
        assertThat(sr.ssrc()).isEqualTo(0x12345678L);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xE9A1B2C380000000L);
        assertThat(sr.compactNtp()).isEqualTo(0xB2C38000L);
        assertThat(sr.rtpTimestamp()).isEqualTo(90000);
        assertThat(sr.packetCount()).isEqualTo(100);
        assertThat(sr.octetCount()).isEqualTo(100000);
        assertThat(sr.reportCount()).isZero();
        assertThat(sr.reportBlock(0, new ReportBlock())).isFalse();

        assertThat(compound.next()).isTrue();
        assertThat(compound.type()).isEqualTo(Rtcp.SDES);
        assertThat(compound.count()).isEqualTo(1);
        assertThat(compound.offset()).isEqualTo(28);
        assertThat(compound.length()).isEqualTo(28);

        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isNull();
    }

    @Test
    void senderReportWithAReportBlock() {
        byte[] packet = new byte[52];
        ReportBlock block = new ReportBlock();
        block.ssrc = 0xCAFEBABEL;
        block.fractionLost = 25;
        block.cumulativeLost = -3;
        block.extendedHighestSequence = 0x1FFFFL;
        block.jitter = 42;
        block.lastSenderReport = 0xB2C38000L;
        block.delaySinceLastSenderReport = 32768;
        Reports.writeSenderReport(packet, 0, 7, 0x0102030405060708L, 9, 10, 11);
        packet[0] = (byte) 0x81;
        packet[3] = 12;
        block.write(packet, 28);
        SenderReport sr = new SenderReport();
        assertThat(sr.decode(packet, 0, packet.length)).isTrue();
        ReportBlock read = new ReportBlock();
        assertThat(sr.reportBlock(0, read)).isTrue();
        assertThat(read).usingRecursiveComparison().isEqualTo(block);
        assertThat(sr.decode(packet, 0, 51)).isFalse();
    }

    @Test
    void byeListsItsSources() {
        byte[] bye = bytes(0x82, 0xCB, 0x00, 0x02, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFE);
        RtcpCompound compound = new RtcpCompound().reset(bye, 0, bye.length);
        assertThat(compound.next()).isTrue();
        Bye decoded = new Bye();
        assertThat(decoded.decode(bye, compound.offset(), compound.length())).isTrue();
        assertThat(decoded.sourceCount()).isEqualTo(2);
        assertThat(decoded.ssrc(0)).isEqualTo(1);
        assertThat(decoded.ssrc(1)).isEqualTo(0xFFFFFFFEL);
        assertThat(decoded.ssrc(2)).isEqualTo(-1);
        assertThat(decoded.decode(bye, 0, 8)).isFalse();
    }

    @Test
    void paddingOnlyOnTheLastPacketAndItIsExcluded() {
        byte[] withPadding = Arrays.copyOf(CHROME_SR_SDES, CHROME_SR_SDES.length + 4);
        withPadding[28] = (byte) 0xA1;             // P=1 on the SDES
        withPadding[31] = 7;                        // 32 bytes
        withPadding[withPadding.length - 1] = 4;    // four bytes of padding
        RtcpCompound compound = new RtcpCompound().reset(withPadding, 0, withPadding.length);
        assertThat(compound.next()).isTrue();
        assertThat(compound.next()).isTrue();
        assertThat(compound.length()).isEqualTo(28);
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isNull();

        byte[] paddedFirst = CHROME_SR_SDES.clone();
        paddedFirst[0] = (byte) 0xA0;
        compound.reset(paddedFirst, 0, paddedFirst.length);
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isEqualTo(RtcpDecodeFailure.BAD_PADDING);
    }

    @Test
    void refusesMalformedDatagramsWithAReason() {
        RtcpCompound compound = new RtcpCompound();
        compound.reset(CHROME_SR_SDES, 0, 3);
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isEqualTo(RtcpDecodeFailure.TRUNCATED_HEADER);

        compound.reset(CHROME_SR_SDES, 0, CHROME_SR_SDES.length - 4);
        assertThat(compound.next()).isTrue();
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isEqualTo(RtcpDecodeFailure.LENGTH_OVERRUNS);

        compound.reset(CHROME_SR_SDES, 0, 30);
        assertThat(compound.next()).isTrue();
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isEqualTo(RtcpDecodeFailure.TRUNCATED_HEADER);

        byte[] badVersion = CHROME_SR_SDES.clone();
        badVersion[28] = 0x41;
        compound.reset(badVersion, 0, badVersion.length);
        assertThat(compound.next()).isTrue();
        assertThat(compound.next()).isFalse();
        assertThat(compound.failure()).isEqualTo(RtcpDecodeFailure.BAD_VERSION);

        compound.reset(null, 0, 10);
        assertThat(compound.next()).isFalse();
        compound.reset(CHROME_SR_SDES, 50, 20);
        assertThat(compound.next()).isFalse();
    }

    @Test
    void randomInputNeverThrows() {
        SplittableRandom random = new SplittableRandom(11);
        RtcpCompound compound = new RtcpCompound();
        SenderReport sr = new SenderReport();
        ReceiverReport rr = new ReceiverReport();
        Bye bye = new Bye();
        ReportBlock block = new ReportBlock();
        int[] seqs = new int[64];
        byte[] buffer = new byte[96];
        int[] types = {Rtcp.SR, Rtcp.RR, Rtcp.SDES, Rtcp.BYE, Rtcp.RTPFB, Rtcp.PSFB};
        for (int i = 0; i < 100_000; i++) {
            random.nextBytes(buffer);
            if (random.nextInt(4) != 0) {
                buffer[0] = (byte) (0x80 | (buffer[0] & 0x3F));
                buffer[1] = (byte) types[random.nextInt(types.length)];
                buffer[2] = 0;
                buffer[3] = (byte) random.nextInt(24);
            }
            if (random.nextInt(4) == 0) {
                buffer[12] = 'R';
                buffer[13] = 'E';
                buffer[14] = 'M';
                buffer[15] = 'B';
            }
            int off = random.nextInt(8);
            int len = random.nextInt(buffer.length - off + 1);
            compound.reset(buffer, off, len);
            while (compound.next()) {
                int at = compound.offset();
                int n = compound.length();
                assertThat(at + n).isLessThanOrEqualTo(off + len);
                if (sr.decode(buffer, at, n)) {
                    for (int b = 0; b < sr.reportCount(); b++) {
                        sr.reportBlock(b, block);
                    }
                }
                if (rr.decode(buffer, at, n)) {
                    for (int b = 0; b < rr.reportCount(); b++) {
                        rr.reportBlock(b, block);
                    }
                }
                if (bye.decode(buffer, at, n)) {
                    bye.ssrc(bye.sourceCount() - 1);
                }
                GenericNack.lostSequenceNumbers(buffer, at, n, seqs);
                for (int e = 0; e < KeyFrameRequests.firEntryCount(buffer, at, n); e++) {
                    KeyFrameRequests.firSsrc(buffer, at, e);
                    KeyFrameRequests.firSequenceNumber(buffer, at, e);
                }
                KeyFrameRequests.isPli(buffer, at, n);
                Remb.bitrate(buffer, at, n);
                for (int s = 0; s < Remb.ssrcCount(buffer, at, n); s++) {
                    Remb.ssrc(buffer, at, s);
                }
            }
            // The decoders also face arbitrary slices, not only what the compound walk vetted.
            sr.decode(buffer, off, len);
            rr.decode(buffer, off, len);
            bye.decode(buffer, off, len);
            GenericNack.lostSequenceNumbers(buffer, off, len, seqs);
            Remb.bitrate(buffer, off, len);
        }
    }
}
