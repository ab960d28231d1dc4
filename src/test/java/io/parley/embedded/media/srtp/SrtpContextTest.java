package io.parley.embedded.media.srtp;

import io.parley.embedded.media.dtls.SrtpKeyMaterial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Round trips, tampering, replay, reordering and sequence-number wrap-around. */
class SrtpContextTest {
    private static final SrtpProfile PROFILE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    private static final int SSRC = 0x11223344;

    private final SrtpKeys keys = SrtpKeys.derive(PROFILE, fill(16, 1), fill(14, 100));
    private final SrtpContext sender = new SrtpContext(keys);
    private final SrtpContext receiver = new SrtpContext(keys);

    @Test
    void rtpRoundTripKeepsHeaderInClearAndEncryptsPayload() {
        byte[] plain = rtp(SSRC, 7, 200);
        byte[] srtp = protect(plain);
        assertThat(srtp).hasSize(plain.length + 10);
        assertThat(Arrays.copyOf(srtp, 12)).isEqualTo(Arrays.copyOf(plain, 12));
        assertThat(Arrays.copyOfRange(srtp, 12, plain.length)).isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));

        byte[] out = new byte[plain.length];
        assertThat(receiver.unprotect(srtp, 0, srtp.length, out, 0)).isEqualTo(plain.length);
        assertThat(out).isEqualTo(plain);
    }

    @Test
    void csrcsAndHeaderExtensionStayInTheClear() {
        byte[] plain = rtp(SSRC, 9, 64);
        // CC=1 and X=1: 4 bytes of CSRC, then a one-word extension; 24 bytes of header in all.
        plain[0] = (byte) 0x91;
        plain[16] = (byte) 0xBE;
        plain[17] = (byte) 0xDE;
        plain[18] = 0;
        plain[19] = 1;
        byte[] srtp = protect(plain);
        assertThat(Arrays.copyOf(srtp, 24)).isEqualTo(Arrays.copyOf(plain, 24));
        assertThat(receiver.unprotect(srtp, 0, srtp.length)).isEqualTo(plain.length);
        assertThat(Arrays.copyOf(srtp, plain.length)).isEqualTo(plain);
    }

    @Test
    void anyFlippedBitFailsAuthentication() {
        byte[] srtp = protect(rtp(SSRC, 1, 100));
        for (int bit : new int[] {3 * 8, 20 * 8 + 5, (srtp.length - 1) * 8}) {
            byte[] tampered = srtp.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(receiver.unprotect(tampered, 0, tampered.length)).isEqualTo(SrtpDrop.AUTH_FAILED.code());
        }
        assertThat(receiver.drops(SrtpDrop.AUTH_FAILED)).isEqualTo(3);
        // The failures left no state behind: the genuine packet is still accepted.
        assertThat(receiver.unprotect(srtp.clone(), 0, srtp.length)).isEqualTo(srtp.length - 10);
    }

    @Test
    void aReplayedPacketIsDropped() {
        byte[] srtp = protect(rtp(SSRC, 42, 50));
        assertThat(receiver.unprotect(srtp.clone(), 0, srtp.length)).isPositive();
        assertThat(receiver.unprotect(srtp.clone(), 0, srtp.length)).isEqualTo(SrtpDrop.REPLAYED.code());
        assertThat(receiver.drops(SrtpDrop.REPLAYED)).isEqualTo(1);
    }

    @Test
    void outOfOrderWithinTheWindowIsAcceptedOnce() {
        byte[][] packets = new byte[70][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = protect(rtp(SSRC, 1000 + i, 30));
        }
        assertThat(unprotect(packets[0])).isPositive();
        assertThat(unprotect(packets[69])).isPositive();
        assertThat(unprotect(packets[10])).isPositive();
        assertThat(unprotect(packets[6])).isPositive();
        assertThat(unprotect(packets[10])).isEqualTo(SrtpDrop.REPLAYED.code());
        // 69 - 5 = 64 behind the newest: outside the 64-packet window, never seen or not.
        assertThat(unprotect(packets[5])).isEqualTo(SrtpDrop.TOO_OLD.code());
        assertThat(unprotect(packets[0])).isEqualTo(SrtpDrop.TOO_OLD.code());
    }

    @Test
    void sequenceWrapAdvancesTheRolloverCounterOnBothSides() {
        byte[][] packets = new byte[11][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = protect(rtp(SSRC, (65530 + i) & 0xFFFF, 40));
        }
        assertThat(sender.rtpIndex(SSRC)).isEqualTo(0x1_0004L);
        for (int i = 0; i < 3; i++) {
            assertThat(unprotect(packets[i])).isPositive();
        }
        // 0..4 after the wrap, then 65533..65535 arriving late: each lands in its own ROC, or
        // authentication (which covers the ROC) would fail.
        for (int i = 6; i < 11; i++) {
            assertThat(unprotect(packets[i])).isPositive();
        }
        for (int i = 3; i < 6; i++) {
            assertThat(unprotect(packets[i])).isPositive();
        }
        assertThat(receiver.drops(SrtpDrop.AUTH_FAILED)).isZero();
        assertThat(receiver.rtpIndex(SSRC)).isEqualTo(0x1_0004L);
        assertThat(unprotect(protect(rtp(SSRC, 5, 40)))).isPositive();
        assertThat(receiver.rtpIndex(SSRC)).isEqualTo(0x1_0005L);
    }

    @Test
    void aVeryOldPacketIsRejected() {
        byte[] old = protect(rtp(SSRC, 100, 20));
        for (int seq = 101; seq < 400; seq++) {
            assertThat(unprotect(protect(rtp(SSRC, seq, 20)))).isPositive();
        }
        assertThat(unprotect(old)).isEqualTo(SrtpDrop.TOO_OLD.code());
    }

    @Test
    void wrongKeysAndShortOrForeignPacketsAreCountedNotThrown() {
        SrtpContext stranger = new SrtpContext(SrtpKeys.derive(PROFILE, fill(16, 2), fill(14, 100)));
        assertThat(stranger.unprotect(protect(rtp(SSRC, 1, 20)), 0, 42)).isEqualTo(SrtpDrop.AUTH_FAILED.code());
        assertThat(receiver.unprotect(new byte[15], 0, 15)).isEqualTo(SrtpDrop.TOO_SHORT.code());
        byte[] notRtp = protect(rtp(SSRC, 1, 20));
        notRtp[0] = 0x40;
        assertThat(receiver.unprotect(notRtp, 0, notRtp.length)).isEqualTo(SrtpDrop.MALFORMED.code());
        assertThat(receiver.unprotect(new byte[10], 4, 20)).isEqualTo(SrtpDrop.MALFORMED.code());
        byte[] plain = rtp(SSRC, 1, 20);
        assertThat(sender.protect(plain, 0, plain.length)).isEqualTo(SrtpDrop.BUFFER_TOO_SMALL.code());
        assertThat(SrtpDrop.fromCode(SrtpDrop.BUFFER_TOO_SMALL.code())).isEqualTo(SrtpDrop.BUFFER_TOO_SMALL);
    }

    @Test
    void aReceiverAddsSsrcsOnlyForAuthenticatedPacketsAndUpToItsLimit() {
        SrtpContext small = new SrtpContext(keys, 2);
        byte[] forged = protect(rtp(0x0BAD, 1, 20));
        forged[forged.length - 1] ^= 1;
        assertThat(small.unprotect(forged, 0, forged.length)).isEqualTo(SrtpDrop.AUTH_FAILED.code());
        assertThat(small.unprotect(protect(rtp(1, 1, 20)), 0, 42)).isPositive();
        assertThat(small.unprotect(protect(rtp(2, 1, 20)), 0, 42)).isPositive();
        assertThat(small.unprotect(protect(rtp(3, 1, 20)), 0, 42)).isEqualTo(SrtpDrop.SSRC_LIMIT.code());
        assertThat(small.unprotect(protect(rtp(1, 2, 20)), 0, 42)).isPositive();
    }

    @Test
    void eachSsrcHasItsOwnRolloverAndWindow() {
        assertThat(unprotect(protect(rtp(1, 65535, 20)))).isPositive();
        assertThat(unprotect(protect(rtp(1, 0, 20)))).isPositive();
        assertThat(unprotect(protect(rtp(2, 0, 20)))).isPositive();
        assertThat(unprotect(protect(rtp(2, 1, 20)))).isPositive();
    }

    @Test
    void rtcpRoundTripReplayAndTamper() {
        byte[] plain = rtcp(SSRC, 40);
        byte[] first = protectRtcp(plain);
        byte[] second = protectRtcp(plain);
        assertThat(first).hasSize(plain.length + 14);
        assertThat(Arrays.copyOfRange(first, 8, plain.length)).isNotEqualTo(Arrays.copyOfRange(plain, 8, plain.length));
        assertThat(Hex.of(second, plain.length, 4)).isEqualTo("80000001");

        byte[] out = new byte[plain.length];
        assertThat(receiver.unprotectRtcp(second, 0, second.length, out, 0)).isEqualTo(plain.length);
        assertThat(out).isEqualTo(plain);
        assertThat(receiver.unprotectRtcp(first, 0, first.length, out, 0)).isEqualTo(plain.length);
        assertThat(receiver.unprotectRtcp(second, 0, second.length, out, 0)).isEqualTo(SrtpDrop.REPLAYED.code());

        byte[] third = protectRtcp(plain);
        third[10] ^= 0x04;
        assertThat(receiver.unprotectRtcp(third, 0, third.length, out, 0)).isEqualTo(SrtpDrop.AUTH_FAILED.code());
        byte[] clearedFlag = protectRtcp(plain);
        clearedFlag[plain.length] &= 0x7F;
        assertThat(receiver.unprotectRtcp(clearedFlag, 0, clearedFlag.length, out, 0)).isEqualTo(SrtpDrop.AUTH_FAILED.code());
        assertThat(receiver.unprotectRtcp(new byte[21], 0, 21, out, 0)).isEqualTo(SrtpDrop.TOO_SHORT.code());
    }

    @Test
    void rtcpInPlaceAndShortTagProfile() {
        SrtpKeys short32 = SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_32, fill(16, 5), fill(14, 6));
        SrtpContext tx = new SrtpContext(short32);
        SrtpContext rx = new SrtpContext(short32);
        byte[] plain = rtp(SSRC, 3, 100);
        byte[] buffer = padded(plain);
        assertThat(tx.protect(buffer, 0, plain.length)).isEqualTo(plain.length + 4);
        assertThat(rx.unprotect(buffer, 0, plain.length + 4)).isEqualTo(plain.length);
        assertThat(Arrays.copyOf(buffer, plain.length)).isEqualTo(plain);

        byte[] report = rtcp(SSRC, 24);
        byte[] rtcpBuffer = padded(report);
        // SRTCP keeps its 80-bit tag under the _32 profile (RFC 5764 §4.1.2).
        assertThat(tx.protectRtcp(rtcpBuffer, 0, report.length)).isEqualTo(report.length + 14);
        assertThat(rx.unprotectRtcp(rtcpBuffer, 0, report.length + 14)).isEqualTo(report.length);
        assertThat(Arrays.copyOf(rtcpBuffer, report.length)).isEqualTo(report);
    }

    @Test
    void dtlsExportSplitsIntoClientAndServerKeys() {
        byte[] exported = new byte[60];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) i;
        }
        SrtpKeyMaterial material = SrtpKeyMaterial.fromExporter(PROFILE, exported);
        SrtpKeys client = SrtpKeys.derive(material.profile(), material.clientWriteKey(), material.clientWriteSalt());
        SrtpKeys server = SrtpKeys.derive(material.profile(), material.serverWriteKey(), material.serverWriteSalt());
        assertThat(client.rtpCipherKey()).isEqualTo(
                SrtpKeys.derive(PROFILE, Arrays.copyOfRange(exported, 0, 16), Arrays.copyOfRange(exported, 32, 46)).rtpCipherKey());
        assertThat(server.rtpCipherKey()).isEqualTo(
                SrtpKeys.derive(PROFILE, Arrays.copyOfRange(exported, 16, 32), Arrays.copyOfRange(exported, 46, 60)).rtpCipherKey());
        assertThat(SrtpProfile.fromDtlsId(0x0001)).contains(PROFILE);
        assertThat(SrtpProfile.fromDtlsId(0x0007)).isEmpty();
        assertThat(client.toString()).isEqualTo("SrtpKeys[AES_CM_128_HMAC_SHA1_80]");
    }

    private byte[] protect(byte[] plain) {
        byte[] buffer = padded(plain);
        int length = sender.protect(buffer, 0, plain.length);
        assertThat(length).isEqualTo(plain.length + 10);
        return Arrays.copyOf(buffer, length);
    }

    private byte[] protectRtcp(byte[] plain) {
        byte[] out = new byte[plain.length + 14];
        assertThat(sender.protectRtcp(plain, 0, plain.length, out, 0)).isEqualTo(out.length);
        return out;
    }

    private int unprotect(byte[] srtp) {
        return receiver.unprotect(srtp.clone(), 0, srtp.length);
    }

    static byte[] rtp(int ssrc, int seq, int payload) {
        byte[] packet = new byte[12 + payload];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        packet[7] = 1;
        packet[8] = (byte) (ssrc >>> 24);
        packet[9] = (byte) (ssrc >>> 16);
        packet[10] = (byte) (ssrc >>> 8);
        packet[11] = (byte) ssrc;
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }

    private static byte[] rtcp(int ssrc, int length) {
        byte[] packet = new byte[length];
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        packet[3] = (byte) (length / 4 - 1);
        packet[4] = (byte) (ssrc >>> 24);
        packet[5] = (byte) (ssrc >>> 16);
        packet[6] = (byte) (ssrc >>> 8);
        packet[7] = (byte) ssrc;
        for (int i = 8; i < length; i++) {
            packet[i] = (byte) (i * 3);
        }
        return packet;
    }

    private static byte[] padded(byte[] plain) {
        return Arrays.copyOf(plain, plain.length + 16);
    }

    private static byte[] fill(int length, int start) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }
}
