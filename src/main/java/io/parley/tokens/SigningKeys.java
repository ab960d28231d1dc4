package io.parley.tokens;

import io.parley.storage.KeyMaterial;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The embedded platform's token signing key pair (ECDSA P-256, ES256). Generated on first start and kept in the
 * store's {@link KeyMaterial}, so that tokens handed out before a restart, or by another replica, stay valid.
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

    /**
     * The shared key pair: only the private key is stored (PKCS#8 PEM); the public key follows from it, so a store
     * can never hold a pair whose halves do not belong together.
     */
    public static SigningKeys from(KeyMaterial keys) {
        KeyMaterial.Stored stored = keys.getOrCreate("token-signing-key", SigningKeys::generate);
        if (stored.created()) {
            LOG.info("Generated the token signing key");
        }
        try {
            PrivateKey privateKey = KeyUtils.decodePrivateKey(new String(stored.value(), StandardCharsets.US_ASCII),
                    SignatureAlgorithm.ES256);
            return new SigningKeys(privateKey, publicKeyOf((ECPrivateKey) privateKey));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The stored token signing key cannot be read", e);
        }
    }

    private static byte[] generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is part of every JDK", e);
        }
    }

    /** Q = d x G on P-256. */
    private static PublicKey publicKeyOf(ECPrivateKey privateKey) throws GeneralSecurityException {
        X9ECParameters curve = ECNamedCurveTable.getByName("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(privateKey.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, privateKey.getParams()));
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
