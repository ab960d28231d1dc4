package io.parley.embedded.media.stun;

import javax.crypto.Mac;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.parley.embedded.media.stun.StunTypes.*;

/**
 * Encodes one STUN message at a time into a reusable buffer (RFC 8489 §5 and §14).
 *
 * <p>Call {@link #start}, add attributes in wire order, and finish with {@link #messageIntegrity} and
 * {@link #fingerprint} when wanted (in that order: RFC 8489 §14.5 and §14.7). The header's length is kept current after
 * every attribute, which is what both of those need. Not thread-safe; one writer per agent.
 */
public final class StunWriter {

    private byte[] buffer;
    private int position;
    private byte padding;
    private final StunIntegrity integrity = new StunIntegrity();

    public StunWriter() {
        this(256);
    }

    public StunWriter(int initialCapacity) {
        buffer = new byte[Math.max(initialCapacity, HEADER_LENGTH)];
    }

    /**
     * The byte written into attribute padding. RFC 8489 §14 lets it be anything and receivers ignore it; zero by default.
     * RFC 5769's test vectors pad with spaces, which this reproduces.
     */
    public StunWriter padding(byte value) {
        this.padding = value;
        return this;
    }

    /** Starts a message of {@code type} with the transaction id at {@code idOffset} of {@code transactionId}. */
    public StunWriter start(int type, byte[] transactionId, int idOffset) {
        position = 0;
        ensure(HEADER_LENGTH);
        writeShort(type);
        writeShort(0);
        writeInt(MAGIC_COOKIE);
        System.arraycopy(transactionId, idOffset, buffer, position, TRANSACTION_ID_LENGTH);
        position += TRANSACTION_ID_LENGTH;
        return this;
    }

    public StunWriter start(int type, byte[] transactionId) {
        return start(type, transactionId, 0);
    }

    public StunWriter username(String username) {
        return bytesAttribute(ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    public StunWriter software(String software) {
        return bytesAttribute(ATTR_SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    public StunWriter priority(long priority) {
        header(ATTR_PRIORITY, 4);
        writeInt((int) priority);
        return this;
    }

    public StunWriter useCandidate() {
        header(ATTR_USE_CANDIDATE, 0);
        return this;
    }

    public StunWriter iceControlling(long tieBreaker) {
        return roleAttribute(ATTR_ICE_CONTROLLING, tieBreaker);
    }

    public StunWriter iceControlled(long tieBreaker) {
        return roleAttribute(ATTR_ICE_CONTROLLED, tieBreaker);
    }

    /** RFC 8489 §14.8: the code split into class (hundreds) and number, then the reason phrase. */
    public StunWriter errorCode(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        header(ATTR_ERROR_CODE, 4 + text.length);
        writeShort(0);
        buffer[position++] = (byte) (code / 100);
        buffer[position++] = (byte) (code % 100);
        System.arraycopy(text, 0, buffer, position, text.length);
        position += text.length;
        pad(4 + text.length);
        return this;
    }

    /** RFC 8489 §14.2: port xor the cookie's high 16 bits; address xor the cookie (IPv4) or cookie and transaction id. */
    public StunWriter xorMappedAddress(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        header(ATTR_XOR_MAPPED_ADDRESS, 4 + ip.length);
        buffer[position++] = 0;
        buffer[position++] = (byte) (ip.length == 4 ? 1 : 2);
        writeShort(address.getPort() ^ (MAGIC_COOKIE >>> 16));
        for (int i = 0; i < ip.length; i++) {
            // bytes 4..19 of the header are the cookie followed by the transaction id
            buffer[position++] = (byte) (ip[i] ^ buffer[4 + i]);
        }
        return this;
    }

    /** Appends MESSAGE-INTEGRITY computed with {@code keyed} (a Mac from {@link StunIntegrity#hmacSha1}). */
    public StunWriter messageIntegrity(Mac keyed) {
        int at = position;
        header(ATTR_MESSAGE_INTEGRITY, INTEGRITY_LENGTH);
        StunIntegrity.computeIntegrity(keyed, buffer, 0, at, buffer, position);
        position += INTEGRITY_LENGTH;
        return this;
    }

    public StunWriter messageIntegrity(byte[] key) {
        return messageIntegrity(StunIntegrity.hmacSha1(key));
    }

    /** Appends FINGERPRINT; it must be the last attribute. */
    public StunWriter fingerprint() {
        int at = position;
        header(ATTR_FINGERPRINT, 4);
        writeInt(integrity.computeFingerprint(buffer, 0, at));
        return this;
    }

    /** The encoded message is {@code buffer()[0 .. length())}; valid until the next {@link #start}. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return position;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    private StunWriter bytesAttribute(int type, byte[] value) {
        header(type, value.length);
        System.arraycopy(value, 0, buffer, position, value.length);
        position += value.length;
        pad(value.length);
        return this;
    }

    private StunWriter roleAttribute(int type, long tieBreaker) {
        header(type, 8);
        writeInt((int) (tieBreaker >>> 32));
        writeInt((int) tieBreaker);
        return this;
    }

    /** Writes an attribute header, reserves room for the padded value and updates the message length in the header. */
    private void header(int type, int valueLength) {
        ensure(4 + padded(valueLength));
        writeShort(type);
        writeShort(valueLength);
        int messageLength = position + padded(valueLength) - HEADER_LENGTH;
        buffer[2] = (byte) (messageLength >>> 8);
        buffer[3] = (byte) messageLength;
    }

    private void pad(int valueLength) {
        for (int i = valueLength; i < padded(valueLength); i++) {
            buffer[position++] = padding;
        }
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }

    private void writeShort(int value) {
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void writeInt(int value) {
        writeShort(value >>> 16);
        writeShort(value);
    }
}
