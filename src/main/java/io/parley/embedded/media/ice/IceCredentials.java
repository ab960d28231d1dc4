package io.parley.embedded.media.ice;

import java.security.SecureRandom;

/**
 * The ICE username fragment and password of one side of a peer connection (RFC 8445 §5.3, SDP syntax RFC 8839 §5.4).
 *
 * <p>Both are made of ice-chars (ALPHA / DIGIT / "+" / "/"). RFC 8445 §5.3 asks for at least 24 random bits in the ufrag
 * and 128 in the password; generated ones have 48 bits (8 chars) so ufrags rarely collide on the shared port, and 144
 * bits (24 chars). {@link #toString()} leaves the password out so it never reaches a log.
 */
public record IceCredentials(String ufrag, String password) {

    static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final int GENERATED_UFRAG_LENGTH = 8;
    static final int GENERATED_PASSWORD_LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        requireIceChars("ufrag", ufrag, 4);
        requireIceChars("password", password, 22);
    }

    public static IceCredentials generate() {
        return generate(RANDOM);
    }

    public static IceCredentials generate(SecureRandom random) {
        return new IceCredentials(randomIceChars(random, GENERATED_UFRAG_LENGTH),
                randomIceChars(random, GENERATED_PASSWORD_LENGTH));
    }

    /** True when {@code value} is 1 to 256 ice-chars long: what a remote ufrag from SDP must look like. */
    public static boolean isIceChars(String value) {
        if (value == null || value.isEmpty() || value.length() > 256) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireIceChars(String what, String value, int minLength) {
        if (!isIceChars(value) || value.length() < minLength) {
            throw new IllegalArgumentException("ICE " + what + " must be " + minLength + " to 256 ice-chars");
        }
    }

    private static String randomIceChars(SecureRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            // 64 symbols, so a uniform index needs no rejection sampling
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + "]";
    }
}
