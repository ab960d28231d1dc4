package io.parley.embedded.recording;

/** One complete VP8 frame reassembled from RTP, with the RTP timestamp (90 kHz) all its packets shared. */
public record VideoFrame(byte[] data, long rtpTimestamp, boolean keyFrame) {
}
