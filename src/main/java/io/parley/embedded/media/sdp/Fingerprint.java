package io.parley.embedded.media.sdp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-func> <hex pairs joined by ':'>} (RFC 8122 §5): the hash of the DTLS certificate the peer
 * will present, which is what ties the DTLS handshake to the signalled session (RFC 5763 §5). The hex is kept in
 * upper case, the way RFC 8122 writes it, so two spellings of one digest compare equal.
 */
public record Fingerprint(String hashFunction, String hex) {

    public static final String SHA_256 = "sha-256";

    public Fingerprint {
        hashFunction = hashFunction.toLowerCase(Locale.ROOT);
        if (!hashFunction.matches("[a-z0-9-]+")) {
            throw new SdpException("a=fingerprint hash function '" + hashFunction + "' is not a token");
        }
        if (!hex.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*")) {
            throw new SdpException("a=fingerprint digest must be hex pairs separated by ':'");
        }
        hex = hex.toUpperCase(Locale.ROOT);
        // fields are assigned only after the compact constructor, so count the pairs of the parameter
        if (hashFunction.equals(SHA_256) && (hex.length() + 1) / 3 != 32) {
            throw new SdpException("a=fingerprint sha-256 digest must be 32 bytes");
        }
    }

    /** The router's own fingerprint, from the SHA-256 digest of its DTLS certificate. */
    public static Fingerprint sha256(byte[] digest) {
        return new Fingerprint(SHA_256, HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    }

    static Fingerprint parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0) {
            throw new SdpException("a=fingerprint must be '<hash-func> <digest>'");
        }
        return new Fingerprint(value.substring(0, space), value.substring(space + 1).strip());
    }

    public byte[] digest() {
        return HexFormat.ofDelimiter(":").parseHex(hex);
    }

    Attribute attribute() {
        return Attribute.of("fingerprint", hashFunction + " " + hex);
    }
}
