package io.parley.embedded.media.dtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The router's DTLS identity: a self-signed ECDSA P-256 certificate and its key, and the SHA-256 fingerprint that goes
 * into every SDP answer.
 *
 * <p>Self-signed is what WebRTC expects: the browser trusts the certificate because its fingerprint arrived over the
 * authenticated signaling channel (RFC 5763 §5, RFC 8827 §6.5), not because of a CA. ECDSA P-256 because every browser
 * supports it and its handshake is cheaper than RSA's (RFC 8827 §6.5 requires browsers to support it).
 *
 * <p>{@link #processCertificate()} is generated once per process: key generation costs milliseconds that the handshake
 * of every joining peer should not pay, and one fingerprint for the whole process keeps SDP answers stable.
 * The 30-day validity only has to cover the process's lifetime: browsers check the fingerprint, not the dates.
 */
public final class DtlsCertificate {

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    /** Backdating notBefore tolerates a peer whose clock is behind ours, should it ever look at the dates. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private final byte[] encoded;
    private final AsymmetricKeyParameter privateKey;
    private final DtlsFingerprint fingerprint;
    private final Instant notAfter;

    private DtlsCertificate(byte[] encoded, AsymmetricKeyParameter privateKey, Instant notAfter) {
        this.encoded = encoded;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.sha256(encoded);
        this.notAfter = notAfter;
    }

    /** The certificate of this process, generated on first use. */
    public static DtlsCertificate processCertificate() {
        return ProcessWide.INSTANCE;
    }

    /** A new certificate valid for {@link #DEFAULT_VALIDITY}. */
    public static DtlsCertificate generate() {
        return generate(Clock.systemUTC(), DEFAULT_VALIDITY);
    }

    public static DtlsCertificate generate(Clock clock, Duration validity) {
        SecureRandom random = new SecureRandom();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();

            Instant now = clock.instant();
            Instant notAfter = now.plus(validity);
            X500Name name = new X500Name("CN=parley");
            // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; 64 random bits make reuse irrelevant
            BigInteger serial = new BigInteger(64, random).setBit(63);
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random)
                            .build(keys.getPrivate()));

            // BouncyCastle's TLS signer (BcTlsCrypto) takes a lightweight key, not a JCA one
            AsymmetricKeyParameter privateKey = PrivateKeyFactory.createKey(keys.getPrivate().getEncoded());
            return new DtlsCertificate(holder.getEncoded(), privateKey, notAfter);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the DTLS certificate", e);
        }
    }

    /** The DER encoding of the certificate. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    /** The value of the SDP answer's {@code a=fingerprint} attribute: {@code sha-256 AB:CD:...}. */
    public String sdpFingerprint() {
        return fingerprint.toSdp();
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** The signing key, for this package's TLS server only. */
    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** Lazy holder: generated on first use, once, without locking afterwards. */
    private static final class ProcessWide {
        static final DtlsCertificate INSTANCE = generate();
    }
}
