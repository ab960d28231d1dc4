package io.parley.embedded.recording;

import io.parley.embedded.media.rtp.RtpHeader;
import io.parley.embedded.media.rtp.SequenceNumbers;

import java.util.Arrays;

/**
 * RFC 7587 §4.2: an Opus RTP payload is exactly one Opus packet, so depacketizing is copying the payload out. Packets that
 * arrive after a newer one are dropped rather than written out of order: a WebM track must have non-decreasing block times,
 * and a missing 20 ms of audio is concealed by the decoder anyway.
 */
public final class OpusDepacketizer {

    private final RtpHeader header = new RtpHeader();
    private boolean started;
    private long highest;

    /** The Opus packet carried by this RTP packet, or null for a malformed, empty, duplicate or late packet. */
    public AudioPacket push(byte[] packet, int off, int len) {
        if (header.decode(packet, off, len) != null || header.payloadLength() == 0) {
            return null;
        }
        int sequence = header.sequenceNumber();
        if (started) {
            long extended = SequenceNumbers.unwrap(highest, sequence);
            if (extended <= highest) {
                return null;
            }
            highest = extended;
        } else {
            started = true;
            highest = sequence;
        }
        int at = header.payloadOffset();
        return new AudioPacket(Arrays.copyOfRange(packet, at, at + header.payloadLength()), header.timestamp());
    }
}
