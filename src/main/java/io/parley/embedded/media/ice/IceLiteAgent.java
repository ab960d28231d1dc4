package io.parley.embedded.media.ice;

import io.parley.embedded.media.stun.StunIntegrity;
import io.parley.embedded.media.stun.StunMessage;
import io.parley.embedded.media.stun.StunTypes;
import io.parley.embedded.media.stun.StunWriter;

import javax.crypto.Mac;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The ICE-lite side of one peer connection (RFC 8445 §2.5): it never sends checks, it answers the browser's.
 *
 * <p>A Binding request is answered when it carries a good FINGERPRINT, a USERNAME "localUfrag:remoteUfrag" (the remote
 * part is checked once signaling has told us the remote ufrag), and a MESSAGE-INTEGRITY made with the local password.
 * The answer is a Binding success response with XOR-MAPPED-ADDRESS = the sender, MESSAGE-INTEGRITY and FINGERPRINT.
 *
 * <p>Anything else is dropped silently and counted. RFC 8489 §9.1.3 would answer a bad MESSAGE-INTEGRITY with 401, but
 * a browser cannot recover from one (its credentials come from SDP and do not change), and answering packets nobody
 * authenticated lets anyone who spoofs a source address use the router as a reflector; so this agent does not.
 * The one error it sends is 487 Role Conflict, to an authenticated request with ICE-CONTROLLED: a lite agent is always
 * controlled (RFC 8445 §6.1.1), and RFC 8445 §7.3.1.1's answer makes a browser that wrongly took the controlled role
 * switch to controlling, instead of both sides waiting forever for a nomination.
 *
 * <p>Nomination: a valid request with USE-CANDIDATE makes its source the selected address; a later one replaces it.
 * Following the controlling agent's latest choice is what lets a browser move the media path (e.g. after a network change)
 * without an ICE restart; only the holder of the password can do it, as the request must pass MESSAGE-INTEGRITY.
 *
 * <p>Consent (RFC 7675): every valid request from the selected address (from any address before nomination) refreshes
 * consent; {@link #isAlive} turns false after a timeout without one. The window starts at construction, so a peer that
 * never completes ICE also times out.
 *
 * <p>{@code handle} is called by the transport's receive thread and reuses this agent's buffers, hence synchronized
 * (uncontended in practice); the state read by other threads is volatile.
 */
public final class IceLiteAgent {

    /** RFC 7675 §5.1 lets consent last up to 30 s; browsers check every few seconds, so 10 s notices a gone peer sooner. */
    public static final long DEFAULT_CONSENT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final IceCredentials local;
    private final byte[] localUfrag;
    private final Mac localKey;
    private final IceDropCounts drops;
    private final StunIntegrity integrity = new StunIntegrity();
    private final StunWriter writer = new StunWriter(128);
    private final StunMessage decoded = new StunMessage();

    private volatile byte[] remoteUfrag;
    private volatile InetSocketAddress selected;
    private volatile long lastConsentNanos;
    private IceDropReason lastDrop;

    public IceLiteAgent(IceCredentials local, IceDropCounts drops, long nowNanos) {
        this.local = local;
        this.localUfrag = local.ufrag().getBytes(StandardCharsets.US_ASCII);
        this.localKey = StunIntegrity.hmacSha1(local.password().getBytes(StandardCharsets.US_ASCII));
        this.drops = drops;
        this.lastConsentNanos = nowNanos;
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /** The remote ufrag from the peer's SDP; until it is set, the second part of USERNAME is not checked. */
    public void setRemoteUfrag(String ufrag) {
        if (!IceCredentials.isIceChars(ufrag)) {
            throw new IllegalArgumentException("remote ICE ufrag must be 1 to 256 ice-chars");
        }
        this.remoteUfrag = ufrag.getBytes(StandardCharsets.US_ASCII);
    }

    /** Decodes and handles one datagram; see {@link #handle(StunMessage, InetSocketAddress, long)}. */
    public byte[] handle(byte[] packet, InetSocketAddress from, long nowNanos) {
        return handle(packet, 0, packet.length, from, nowNanos);
    }

    public synchronized byte[] handle(byte[] packet, int offset, int length, InetSocketAddress from, long nowNanos) {
        if (decoded.decode(packet, offset, length) != null) {
            return drop(IceDropReason.MALFORMED);
        }
        return handle(decoded, from, nowNanos);
    }

    /**
     * Handles one decoded STUN message received from {@code from} (a resolved address, as a DatagramChannel reports it).
     *
     * @return the response to send back to {@code from}, or null when the message is dropped ({@link #lastDrop()} says why)
     */
    public synchronized byte[] handle(StunMessage request, InetSocketAddress from, long nowNanos) {
        lastDrop = null;
        if (!request.isBindingRequest()) {
            return drop(IceDropReason.NOT_A_REQUEST);
        }
        if (!integrity.checkFingerprint(request)) {
            return drop(IceDropReason.BAD_FINGERPRINT);
        }
        int colon = localUfragEnd(request);
        if (colon < 0) {
            return drop(IceDropReason.UNKNOWN_UFRAG);
        }
        if (!remotePartMatches(request, colon)) {
            return drop(IceDropReason.WRONG_REMOTE_UFRAG);
        }
        if (!integrity.checkIntegrity(request, localKey)) {
            return drop(IceDropReason.BAD_INTEGRITY);
        }
        if (request.iceControlled()) {
            drop(IceDropReason.ROLE_CONFLICT);
            return respond(writer.start(StunTypes.BINDING_ERROR_RESPONSE, request.data(),
                    request.transactionIdOffset()).errorCode(StunTypes.ERROR_ROLE_CONFLICT, "Role Conflict"));
        }
        if (request.useCandidate()) {
            selected = from;
        }
        InetSocketAddress current = selected;
        if (current == null || current.equals(from)) {
            lastConsentNanos = nowNanos;
        }
        return respond(writer.start(StunTypes.BINDING_SUCCESS_RESPONSE, request.data(),
                request.transactionIdOffset()).xorMappedAddress(from));
    }

    /** RFC 8489 §9.1.3: a response to an authenticated request is authenticated with the same key, then fingerprinted. */
    private byte[] respond(StunWriter response) {
        return response.messageIntegrity(localKey).fingerprint().toByteArray();
    }

    /** Index of the colon in USERNAME when the part before it is our ufrag, else -1 (RFC 8445 §7.3). */
    private int localUfragEnd(StunMessage request) {
        int at = request.usernameOffset();
        if (at < 0 || request.usernameLength() <= localUfrag.length) {
            return -1;
        }
        byte[] data = request.data();
        for (int i = 0; i < localUfrag.length; i++) {
            if (data[at + i] != localUfrag[i]) {
                return -1;
            }
        }
        return data[at + localUfrag.length] == ':' ? at + localUfrag.length : -1;
    }

    private boolean remotePartMatches(StunMessage request, int colon) {
        byte[] expected = remoteUfrag;
        if (expected == null) {
            return true;
        }
        int start = colon + 1;
        int length = request.usernameOffset() + request.usernameLength() - start;
        if (length != expected.length) {
            return false;
        }
        byte[] data = request.data();
        for (int i = 0; i < length; i++) {
            if (data[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private byte[] drop(IceDropReason reason) {
        lastDrop = reason;
        drops.increment(reason);
        return null;
    }

    /** Why the last handled message got no success response, or null when it got one. */
    public synchronized IceDropReason lastDrop() {
        return lastDrop;
    }

    /** The address the browser nominated with USE-CANDIDATE, where media goes; null until then. */
    public InetSocketAddress selectedAddress() {
        return selected;
    }

    public boolean isNominated() {
        return selected != null;
    }

    /** RFC 7675: true while the last valid request is less than {@code timeoutNanos} old. */
    public boolean isAlive(long nowNanos, long timeoutNanos) {
        return nowNanos - lastConsentNanos < timeoutNanos;
    }

    public boolean isAlive(long nowNanos) {
        return isAlive(nowNanos, DEFAULT_CONSENT_TIMEOUT_NANOS);
    }

    public long lastConsentNanos() {
        return lastConsentNanos;
    }
}
