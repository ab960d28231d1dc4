package io.parley.tokens;

import io.parley.storage.AtomicFiles;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The embedded platform's token signing key pair (ECDSA P-256, ES256). Generated on first start and kept under the
 * data directory so that tokens handed out before a restart stay valid after it.
 */
public final class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private SigningKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = thumbprint(publicKey);
    }

    public static SigningKeys loadOrCreate(Path folder) {
        Path privateFile = folder.resolve("token-signing-key.pem");
        Path publicFile = folder.resolve("token-signing-key.pub.pem");
        try {
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                return new SigningKeys(
                        KeyUtils.decodePrivateKey(Files.readString(privateFile), SignatureAlgorithm.ES256),
                        KeyUtils.decodePublicKey(Files.readString(publicFile), SignatureAlgorithm.ES256));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            AtomicFiles.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            AtomicFiles.writeSecret(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            LOG.infof("Generated the token signing key in %s", folder);
            return new SigningKeys(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the token signing key in " + folder, e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Names the key in each token's header, so a future key rotation can tell old tokens from new ones. */
    public String keyId() {
        return keyId;
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String thumbprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
