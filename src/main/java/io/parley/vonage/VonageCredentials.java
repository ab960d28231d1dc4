package io.parley.vonage;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.UUID;

/**
 * The application id and private key, checked once. The public key is derived from the private key so that Parley
 * can verify the tokens it issued without a second setting. {@link #toString()} never shows the key.
 */
public final class VonageCredentials {

    static final String APPLICATION_ID = "parley.vonage.application-id";
    static final String PRIVATE_KEY = "parley.vonage.private-key";
    static final String PRIVATE_KEY_PATH = "parley.vonage.private-key-path";

    private final String applicationId;
    private final String privateKeyPem;
    private final PublicKey publicKey;

    private VonageCredentials(String applicationId, String privateKeyPem, PublicKey publicKey) {
        this.applicationId = applicationId;
        this.privateKeyPem = privateKeyPem;
        this.publicKey = publicKey;
    }

    /** Fails with one message that names the key to fix, and never quotes the key's content. */
    public static VonageCredentials load(VonageConfig config) {
        String applicationId = config.applicationId().map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalStateException(APPLICATION_ID + " is not set"));
        try {
            UUID.fromString(applicationId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(APPLICATION_ID + " is not a UUID (copy it from the Vonage dashboard)");
        }
        String pem;
        String source;
        if (config.privateKey().filter(s -> !s.isBlank()).isPresent()) {
            pem = config.privateKey().get();
            source = PRIVATE_KEY;
        } else if (config.privateKeyPath().isPresent()) {
            Path path = config.privateKeyPath().get();
            source = PRIVATE_KEY_PATH;
            try {
                pem = Files.readString(path);
            } catch (IOException e) {
                throw new IllegalStateException(PRIVATE_KEY_PATH + " cannot be read: " + path);
            }
        } else {
            throw new IllegalStateException(PRIVATE_KEY + " (or " + PRIVATE_KEY_PATH + ") is not set");
        }
        return new VonageCredentials(applicationId, pem, publicKeyOf(pem, source));
    }

    private static PublicKey publicKeyOf(String pem, String source) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(pem, SignatureAlgorithm.RS256);
            if (!(key instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalStateException(source + " is not an RSA private key with its public parameters");
            }
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the exception's message could quote the key material: keep only which setting is wrong
            throw new IllegalStateException(source + " is not a PEM RSA private key (PKCS#8)");
        }
    }

    public String applicationId() {
        return applicationId;
    }

    String privateKeyPem() {
        return privateKeyPem;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "VonageCredentials[applicationId=" + applicationId + ", privateKey=<hidden>]";
    }
}
