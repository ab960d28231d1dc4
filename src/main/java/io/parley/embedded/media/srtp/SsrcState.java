package io.parley.embedded.media.srtp;

/** What one SSRC needs across packets: its RTP and SRTCP replay windows and next SRTCP index. */
final class SsrcState {
    final int ssrc;
    final ReplayWindow rtp = new ReplayWindow();
    final ReplayWindow rtcp = new ReplayWindow();
    /** SRTCP index of the next packet this side sends; starts at 0 (RFC 3711 §3.3.1). */
    int nextSrtcpIndex;

    SsrcState(int ssrc) {
        this.ssrc = ssrc;
    }

    /**
     * The 48-bit packet index of {@code seq}: ROC || SEQ with the ROC guessed as in RFC 3711
     * Appendix A, relative to s_l, the highest sequence number accepted so far. A first packet
     * takes ROC 0 (§3.3.1). Returns -1 for a packet from before ROC 0, which cannot be valid.
     */
    long guessIndex(int seq) {
        long highest = rtp.highest();
        if (highest < 0) {
            return seq;
        }
        long roc = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long v = roc;
        if (last < 32768) {
            if (seq - last > 32768) {
                v = roc - 1;
            }
        } else if (last - 32768 > seq) {
            v = roc + 1;
        }
        if (v < 0) {
            return -1;
        }
        // Keys must be replaced long before the 48-bit index runs out (§9.2); wrap like the ROC.
        return (v & 0xFFFFFFFFL) << 16 | seq;
    }
}
