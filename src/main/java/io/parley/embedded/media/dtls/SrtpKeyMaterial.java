package io.parley.embedded.media.dtls;

import io.parley.embedded.media.srtp.SrtpProfile;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts of one DTLS-SRTP association, with the profile DTLS negotiated: the one place
 * the exporter's output is split (the router installs them with {@link io.parley.embedded.media.srtp.SrtpKeys#derive}).
 *
 * <p>"Client" is the browser (the DTLS client, as the router answers {@code a=setup:passive}); "server" is the router.
 * So the router protects what it sends with the server keys and unprotects what it receives with the client keys.
 *
 * <p>The arrays are copied in and out, and {@link #toString()} never shows them: key material must not reach a log.
 */
public record SrtpKeyMaterial(SrtpProfile profile, byte[] clientWriteKey, byte[] serverWriteKey,
                              byte[] clientWriteSalt, byte[] serverWriteSalt) {

    public SrtpKeyMaterial {
        Objects.requireNonNull(profile, "profile");
        clientWriteKey = checked(clientWriteKey, SrtpProfile.KEY_LENGTH, "clientWriteKey");
        serverWriteKey = checked(serverWriteKey, SrtpProfile.KEY_LENGTH, "serverWriteKey");
        clientWriteSalt = checked(clientWriteSalt, SrtpProfile.SALT_LENGTH, "clientWriteSalt");
        serverWriteSalt = checked(serverWriteSalt, SrtpProfile.SALT_LENGTH, "serverWriteSalt");
    }

    /**
     * Splits the output of the EXTRACTOR-dtls_srtp exporter in the order RFC 5764 §4.2 gives:
     * client_write_SRTP_master_key, server_write_SRTP_master_key, client_write_SRTP_master_salt,
     * server_write_SRTP_master_salt.
     */
    public static SrtpKeyMaterial fromExporter(SrtpProfile profile, byte[] exported) {
        if (exported.length != profile.dtlsExportLength()) {
            throw new IllegalArgumentException("exporter output must be " + profile.dtlsExportLength() + " bytes");
        }
        int key = SrtpProfile.KEY_LENGTH;
        int salt = SrtpProfile.SALT_LENGTH;
        return new SrtpKeyMaterial(profile,
                Arrays.copyOfRange(exported, 0, key),
                Arrays.copyOfRange(exported, key, 2 * key),
                Arrays.copyOfRange(exported, 2 * key, 2 * key + salt),
                Arrays.copyOfRange(exported, 2 * key + salt, 2 * key + 2 * salt));
    }

    @Override
    public byte[] clientWriteKey() {
        return clientWriteKey.clone();
    }

    @Override
    public byte[] serverWriteKey() {
        return serverWriteKey.clone();
    }

    @Override
    public byte[] clientWriteSalt() {
        return clientWriteSalt.clone();
    }

    @Override
    public byte[] serverWriteSalt() {
        return serverWriteSalt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKeyMaterial that
                && profile == that.profile
                && Arrays.equals(clientWriteKey, that.clientWriteKey)
                && Arrays.equals(serverWriteKey, that.serverWriteKey)
                && Arrays.equals(clientWriteSalt, that.clientWriteSalt)
                && Arrays.equals(serverWriteSalt, that.serverWriteSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(clientWriteKey), Arrays.hashCode(serverWriteKey));
    }

    @Override
    public String toString() {
        return "SrtpKeyMaterial[profile=" + profile + ", keys and salts redacted]";
    }

    private static byte[] checked(byte[] value, int length, String name) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes");
        }
        return value.clone();
    }
}
