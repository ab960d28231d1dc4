package io.parley.embedded.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A certificate fingerprint as SDP carries it in {@code a=fingerprint} (RFC 8122 §5): a hash function's textual name and
 * the hash of the DER certificate, written {@code sha-256 AB:CD:...}.
 *
 * <p>In WebRTC the certificates are self-signed, so this fingerprint, delivered over the authenticated signaling
 * channel, is the only thing that binds the DTLS peer to the browser that sent the SDP (RFC 5763 §5, RFC 8827 §6.5).
 */
public final class DtlsFingerprint {

    /** The hash this router uses for its own fingerprint; browsers send sha-256 too. */
    public static final String SHA_256 = "sha-256";

    /** RFC 8122 §5 textual names we accept from a peer, mapped to JCA names; sha-1 and md5 are too weak to bind a key. */
    private static final Map<String, String> DIGESTS = Map.of(
            "sha-256", "SHA-256",
            "sha-384", "SHA-384",
            "sha-512", "SHA-512");

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final String algorithm;
    private final byte[] value;

    private DtlsFingerprint(String algorithm, byte[] value) {
        this.algorithm = algorithm;
        this.value = value;
    }

    /** The SHA-256 fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint sha256(byte[] certificateDer) {
        return new DtlsFingerprint(SHA_256, digest(SHA_256, certificateDer));
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code sha-256 AB:CD:...}. RFC 8122 §5's grammar
     * has upper-case hex; lower case (and an upper-case hash name) is accepted anyway, as it names the same certificate.
     *
     * @throws IllegalArgumentException when the hash is not one we accept or the hex is malformed or of the wrong length
     */
    public static DtlsFingerprint parse(String sdpValue) {
        Objects.requireNonNull(sdpValue, "sdpValue");
        String trimmed = sdpValue.trim();
        int space = trimmed.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("fingerprint must be '<hash-func> <hex:hex:...>'");
        }
        byte[] value;
        try {
            value = HEX.parseHex(trimmed.substring(space + 1).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprint must be colon-separated hex pairs", e);
        }
        return of(trimmed.substring(0, space), value);
    }

    /**
     * The fingerprint an SDP parser has already read into a hash name and digest bytes.
     *
     * @throws IllegalArgumentException when the hash is not one we accept or the digest has the wrong length
     */
    public static DtlsFingerprint of(String hashFunction, byte[] digest) {
        String algorithm = hashFunction.toLowerCase(Locale.ROOT);
        String jcaName = DIGESTS.get(algorithm);
        if (jcaName == null) {
            throw new IllegalArgumentException("unsupported fingerprint hash function: " + algorithm);
        }
        if (digest.length != newDigest(jcaName).getDigestLength()) {
            throw new IllegalArgumentException("a " + algorithm + " fingerprint must have "
                    + newDigest(jcaName).getDigestLength() + " bytes");
        }
        return new DtlsFingerprint(algorithm, digest.clone());
    }

    /** The RFC 8122 textual hash name, lower case. */
    public String algorithm() {
        return algorithm;
    }

    public byte[] value() {
        return value.clone();
    }

    /** Whether a DER-encoded certificate has this fingerprint; compared in constant time. */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(value, digest(algorithm, certificateDer));
    }

    /** The attribute value for SDP: {@code sha-256 AB:CD:...}, upper-case hex as browsers write it. */
    public String toSdp() {
        return algorithm + ' ' + HEX.formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsFingerprint that
                && algorithm.equals(that.algorithm)
                && MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toSdp();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        return newDigest(DIGESTS.get(algorithm)).digest(data);
    }

    private static MessageDigest newDigest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jcaName, e);
        }
    }
}
