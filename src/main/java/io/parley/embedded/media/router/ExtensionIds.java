package io.parley.embedded.media.router;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The header extension ids of the router's own subscriber offers, and the translation of a publisher's ids to them.
 *
 * <p>A subscription may be offered before its publisher's offer has reached the router (the stream is announced when
 * publishing is asked for), so subscriber offers cannot reuse the publisher's ids: they use fixed ones, and each
 * forwarded packet's ids are translated once as it arrives. The only extension a subscriber can use as it is, is the
 * audio level (RFC 6464); the publisher's transport-wide sequence number keeps its place under the subscribers' id,
 * where each subscription's own number overwrites it as the packet goes out (see {@link DownlinkQueue}). The
 * publisher's MID and send times mean nothing on another connection, so every other element moves to an id no
 * subscriber offer declares, and receivers skip it.
 */
final class ExtensionIds {

    /** ssrc-audio-level in every subscriber offer. */
    static final int AUDIO_LEVEL = 1;
    /** transport-wide-cc in every subscriber offer. */
    static final int TRANSPORT_SEQUENCE = 2;
    /** Declared in no subscriber offer; a valid one-byte id (not 0, padding, nor 15, the end of the list). */
    static final int UNNEGOTIATED = 14;
    /** Before a publisher's offer: everything unnegotiated. */
    static final byte[] NONE = translation(OptionalInt.empty(), OptionalInt.empty());

    private ExtensionIds() {
    }

    /** The table {@code RtpHeader.renumberExtensions} takes, for a publisher whose audio level has {@code audioLevelId}. */
    static byte[] translation(OptionalInt audioLevelId) {
        return translation(audioLevelId, OptionalInt.empty());
    }

    /** The same, for a publisher whose transport-wide sequence numbers have {@code transportSequenceId}. */
    static byte[] translation(OptionalInt audioLevelId, OptionalInt transportSequenceId) {
        byte[] ids = new byte[256];
        Arrays.fill(ids, (byte) UNNEGOTIATED);
        audioLevelId.ifPresent(id -> ids[id & 0xFF] = AUDIO_LEVEL);
        transportSequenceId.ifPresent(id -> ids[id & 0xFF] = TRANSPORT_SEQUENCE);
        return ids;
    }
}
