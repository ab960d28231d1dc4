package io.parley.embedded.recording;

/** One Opus packet (RFC 7587 §4.2: one per RTP payload) and its RTP timestamp (48 kHz). */
public record AudioPacket(byte[] data, long rtpTimestamp) {
}
