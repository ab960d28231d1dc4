package io.parley.embedded.media.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import static io.parley.embedded.media.stun.StunTypes.*;

/**
 * A decoded STUN message (RFC 8489 §5 header, §14 attributes) as a view over the datagram it came from.
 *
 * <p>One instance is meant to be reused by a receive loop: {@link #decode} overwrites every field and keeps only a reference
 * to the caller's array, so decoding allocates nothing. The view is valid until the caller reuses that array.
 * Malformed input never throws: {@code decode} returns the reason instead.
 *
 * <p>Attributes the decoder does not know are skipped. Of a repeated attribute only the first counts (RFC 8489 §14).
 * Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored, as RFC 8489 §14.5 requires, because they
 * are not covered by the integrity check.
 */
public final class StunMessage {

    private static final int ABSENT = -1;

    private byte[] data;
    private int offset;
    private int length;
    private int type;
    private int usernameAt;
    private int usernameLength;
    private int integrityAt;
    private int fingerprintAt;
    private int xorAddressAt;
    private int xorAddressLength;
    private int softwareAt;
    private int softwareLength;
    private long priority;
    private boolean useCandidate;
    private boolean iceControlling;
    private boolean iceControlled;
    private long tieBreaker;
    private int errorCode;
    private int reasonAt;
    private int reasonLength;

    /** Convenience for tests and cold paths: decodes a whole array into a new instance, or null when malformed. */
    public static StunMessage parse(byte[] datagram) {
        StunMessage message = new StunMessage();
        return message.decode(datagram, 0, datagram.length) == null ? message : null;
    }

    /**
     * Decodes {@code length} bytes of {@code datagram} from {@code off}.
     *
     * @return null when the message is well formed (this instance now describes it), otherwise why it is not
     */
    public StunDecodeFailure decode(byte[] datagram, int off, int len) {
        clear();
        if (datagram == null || off < 0 || len < HEADER_LENGTH || off > datagram.length - len) {
            return StunDecodeFailure.TRUNCATED_HEADER;
        }
        if ((datagram[off] & 0xC0) != 0) {
            return StunDecodeFailure.NOT_STUN;
        }
        if (readInt(datagram, off + 4) != MAGIC_COOKIE) {
            return StunDecodeFailure.BAD_COOKIE;
        }
        int messageLength = readShort(datagram, off + 2);
        if ((messageLength & 3) != 0) {
            return StunDecodeFailure.LENGTH_NOT_MULTIPLE_OF_4;
        }
        if (messageLength != len - HEADER_LENGTH) {
            return StunDecodeFailure.LENGTH_MISMATCH;
        }
        this.data = datagram;
        this.offset = off;
        this.length = len;
        this.type = readShort(datagram, off);
        StunDecodeFailure failure = decodeAttributes(datagram, off + HEADER_LENGTH, off + len);
        if (failure != null) {
            clear();
        }
        return failure;
    }

    private StunDecodeFailure decodeAttributes(byte[] d, int at, int end) {
        while (at < end) {
            if (fingerprintAt != ABSENT) {
                return StunDecodeFailure.FINGERPRINT_NOT_LAST;
            }
            if (end - at < 4) {
                return StunDecodeFailure.ATTRIBUTE_OVERRUNS;
            }
            int attrType = readShort(d, at);
            int valueLength = readShort(d, at + 2);
            int value = at + 4;
            if (padded(valueLength) > end - value) {
                return StunDecodeFailure.ATTRIBUTE_OVERRUNS;
            }
            boolean covered = integrityAt == ABSENT;
            if (attrType == ATTR_FINGERPRINT) {
                if (valueLength != 4) {
                    return StunDecodeFailure.BAD_ATTRIBUTE;
                }
                fingerprintAt = at;
            } else if (covered && !readAttribute(d, at, attrType, value, valueLength)) {
                return StunDecodeFailure.BAD_ATTRIBUTE;
            }
            at = value + padded(valueLength);
        }
        return null;
    }

    /** Records one attribute; false when its length or content is not what its RFC allows. */
    private boolean readAttribute(byte[] d, int at, int attrType, int value, int valueLength) {
        switch (attrType) {
            case ATTR_USERNAME:
                if (valueLength > MAX_USERNAME_LENGTH) {
                    return false;
                }
                if (usernameAt == ABSENT) {
                    usernameAt = value;
                    usernameLength = valueLength;
                }
                return true;
            case ATTR_MESSAGE_INTEGRITY:
                if (valueLength != INTEGRITY_LENGTH) {
                    return false;
                }
                integrityAt = at;
                return true;
            case ATTR_XOR_MAPPED_ADDRESS:
                return readXorAddress(d, value, valueLength);
            case ATTR_PRIORITY:
                if (valueLength != 4) {
                    return false;
                }
                if (priority == ABSENT) {
                    priority = readInt(d, value) & 0xFFFFFFFFL;
                }
                return true;
            case ATTR_USE_CANDIDATE:
                useCandidate = true;
                return valueLength == 0;
            case ATTR_ICE_CONTROLLED:
            case ATTR_ICE_CONTROLLING:
                return readRole(d, attrType, value, valueLength);
            case ATTR_ERROR_CODE:
                return readErrorCode(d, value, valueLength);
            case ATTR_SOFTWARE:
                if (softwareAt == ABSENT) {
                    softwareAt = value;
                    softwareLength = valueLength;
                }
                return true;
            default:
                return true;
        }
    }

    /** RFC 8489 §14.2: family 0x01 carries 4 address bytes, 0x02 carries 16. */
    private boolean readXorAddress(byte[] d, int value, int valueLength) {
        if (valueLength < 4) {
            return false;
        }
        int family = d[value + 1];
        if (!(family == 1 && valueLength == 8) && !(family == 2 && valueLength == 20)) {
            return false;
        }
        if (xorAddressAt == ABSENT) {
            xorAddressAt = value;
            xorAddressLength = valueLength;
        }
        return true;
    }

    /** RFC 8445 §16.1: both role attributes carry a 64-bit tie-breaker. */
    private boolean readRole(byte[] d, int attrType, int value, int valueLength) {
        if (valueLength != 8) {
            return false;
        }
        if (!iceControlled && !iceControlling) {
            tieBreaker = ((long) readInt(d, value) << 32) | (readInt(d, value + 4) & 0xFFFFFFFFL);
        }
        if (attrType == ATTR_ICE_CONTROLLING) {
            iceControlling = true;
        } else {
            iceControlled = true;
        }
        return true;
    }

    /** RFC 8489 §14.8: class (hundreds, 3 to 6) and number (0 to 99), then a UTF-8 reason. */
    private boolean readErrorCode(byte[] d, int value, int valueLength) {
        if (valueLength < 4 || valueLength > 4 + MAX_REASON_LENGTH) {
            return false;
        }
        int errorClass = d[value + 2] & 0x07;
        int number = d[value + 3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            return false;
        }
        if (errorCode == ABSENT) {
            errorCode = errorClass * 100 + number;
            reasonAt = value + 4;
            reasonLength = valueLength - 4;
        }
        return true;
    }

    private void clear() {
        data = null;
        offset = 0;
        length = 0;
        type = ABSENT;
        usernameAt = ABSENT;
        usernameLength = 0;
        integrityAt = ABSENT;
        fingerprintAt = ABSENT;
        xorAddressAt = ABSENT;
        xorAddressLength = 0;
        softwareAt = ABSENT;
        softwareLength = 0;
        priority = ABSENT;
        useCandidate = false;
        iceControlling = false;
        iceControlled = false;
        tieBreaker = 0;
        errorCode = ABSENT;
        reasonAt = ABSENT;
        reasonLength = 0;
    }

    /** The message type (method and class, RFC 8489 §5), e.g. {@link StunTypes#BINDING_REQUEST}. */
    public int type() {
        return type;
    }

    public boolean isBindingRequest() {
        return type == BINDING_REQUEST;
    }

    /** The array the message was decoded from; with {@link #offset()} and {@link #length()} it is the whole message. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Index in {@link #data()} of the 12-byte transaction id. */
    public int transactionIdOffset() {
        return offset + 8;
    }

    public byte[] transactionId() {
        byte[] id = new byte[TRANSACTION_ID_LENGTH];
        System.arraycopy(data, transactionIdOffset(), id, 0, TRANSACTION_ID_LENGTH);
        return id;
    }

    public boolean hasUsername() {
        return usernameAt != ABSENT;
    }

    /** Index in {@link #data()} of the USERNAME value, or -1. */
    public int usernameOffset() {
        return usernameAt;
    }

    public int usernameLength() {
        return usernameLength;
    }

    /** The USERNAME as text, or null; allocates, so the hot path compares bytes instead. */
    public String username() {
        return usernameAt == ABSENT ? null : new String(data, usernameAt, usernameLength, StandardCharsets.UTF_8);
    }

    /**
     * RFC 8445 §7.2.2: the USERNAME of a check is "receiver's ufrag:sender's ufrag"; this is the part before the colon,
     * the ufrag of the agent the request is for. Null without USERNAME or colon. Allocates.
     */
    public String usernameLocalPart() {
        if (usernameAt == ABSENT) {
            return null;
        }
        for (int i = usernameAt; i < usernameAt + usernameLength; i++) {
            if (data[i] == ':') {
                return new String(data, usernameAt, i - usernameAt, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    public boolean hasMessageIntegrity() {
        return integrityAt != ABSENT;
    }

    /** Index in {@link #data()} of the MESSAGE-INTEGRITY attribute header, or -1. */
    public int messageIntegrityOffset() {
        return integrityAt;
    }

    public boolean hasFingerprint() {
        return fingerprintAt != ABSENT;
    }

    /** Index in {@link #data()} of the FINGERPRINT attribute header, or -1. */
    public int fingerprintOffset() {
        return fingerprintAt;
    }

    public boolean hasXorMappedAddress() {
        return xorAddressAt != ABSENT;
    }

    /** RFC 8489 §14.2: un-xors the port with the cookie's high half and the address with cookie and transaction id. */
    public InetSocketAddress xorMappedAddress() {
        if (xorAddressAt == ABSENT) {
            return null;
        }
        int port = readShort(data, xorAddressAt + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] address = new byte[xorAddressLength - 4];
        for (int i = 0; i < address.length; i++) {
            address[i] = (byte) (data[xorAddressAt + 4 + i] ^ data[offset + 4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossible) {
            // getByAddress only throws for lengths other than 4 and 16, which decode has already refused.
            return null;
        }
    }

    /** The PRIORITY value (RFC 8445 §7.1.1), or -1. */
    public long priority() {
        return priority;
    }

    public boolean useCandidate() {
        return useCandidate;
    }

    public boolean iceControlling() {
        return iceControlling;
    }

    public boolean iceControlled() {
        return iceControlled;
    }

    /** The tie-breaker of ICE-CONTROLLING or ICE-CONTROLLED (RFC 8445 §7.1.3), 0 without either. */
    public long tieBreaker() {
        return tieBreaker;
    }

    /** The ERROR-CODE (e.g. 401, 487), or -1. */
    public int errorCode() {
        return errorCode;
    }

    public String errorReason() {
        return errorCode == ABSENT ? null : new String(data, reasonAt, reasonLength, StandardCharsets.UTF_8);
    }

    public String software() {
        return softwareAt == ABSENT ? null : new String(data, softwareAt, softwareLength, StandardCharsets.UTF_8);
    }

    static int readShort(byte[] d, int at) {
        return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
    }

    static int readInt(byte[] d, int at) {
        return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}
