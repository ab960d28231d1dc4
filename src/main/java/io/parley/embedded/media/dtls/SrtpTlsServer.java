package io.parley.embedded.media.dtls;

import io.parley.embedded.media.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Vector;

/**
 * BouncyCastle's server side of one DTLS-SRTP handshake: DTLS 1.2 only, ECDHE-ECDSA suites, use_srtp required, client
 * certificate required and checked against the fingerprint from the peer's SDP.
 *
 * <p>Called only on the handshake thread. Records why it refused a peer in {@link #failure()}, because BouncyCastle
 * turns every refusal into an alert and an {@code IOException} that no longer says which check failed.
 */
final class SrtpTlsServer extends DefaultTlsServer {

    /** ECDSA suites only (our certificate is ECDSA), AEAD first; these are what browsers offer for DTLS 1.2. */
    private static final int[] CIPHER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final DtlsFingerprint remoteFingerprint;
    private final int handshakeTimeoutMillis;
    private final Runnable onPeerClosed;

    private volatile SrtpProfile profile;
    private volatile DtlsFailureReason failure;
    private volatile SrtpKeyMaterial keys;

    SrtpTlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint,
                  int handshakeTimeoutMillis, Runnable onPeerClosed) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.onPeerClosed = onPeerClosed;
    }

    DtlsFailureReason failure() {
        return failure;
    }

    /** The keys exported when the handshake completed, or null before. */
    SrtpKeyMaterial keys() {
        return keys;
    }

    /**
     * Exports EXTRACTOR-dtls_srtp with no context (RFC 5764 §4.2). Here and not after accept returns: BouncyCastle
     * allows exporting only from this callback, after which it forgets the master secret.
     */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SrtpProfile negotiated = profile;
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, negotiated.dtlsExportLength());
        try {
            keys = SrtpKeyMaterial.fromExporter(negotiated, exported);
        } finally {
            Arrays.fill(exported, (byte) 0);
        }
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        // WebRTC uses DTLS 1.2 (RFC 8827 §6.5); DTLS 1.0 lacks the SHA-256 PRF and AEAD suites
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        SrtpProfile chosen = offered == null ? null : choose(offered.getProtectionProfiles());
        if (chosen == null) {
            // RFC 5764 §4.1.1 would let the server go on without use_srtp, but then there would be no SRTP keys and
            // nothing to route: refuse now rather than let the browser believe media can flow
            failure = DtlsFailureReason.NO_COMMON_SRTP_PROFILE;
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
        }
        profile = chosen;
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable serverExtensions = super.getServerExtensions();
        // RFC 5764 §4.1.1: exactly one profile in the answer; an empty srtp_mki says this router uses no MKI
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {profile.dtlsId()}, TlsUtils.EMPTY_BYTES));
        return serverExtensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // RFC 5763 §5: the server MUST request the client's certificate, whose fingerprint authenticates the peer.
        // RSA is accepted too: the fingerprint check does not care about the key type.
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        Vector<?> signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, signatureAlgorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            failure = DtlsFailureReason.NO_CLIENT_CERTIFICATE;
            // TLS 1.2 has no certificate_required; RFC 5246 §7.4.6 names handshake_failure for this case
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client sent no certificate");
        }
        // RFC 5763 §5 / RFC 8122 §5: the end-entity certificate must match a=fingerprint. BouncyCastle then verifies
        // CertificateVerify with this certificate's key, proving the peer holds it.
        if (!remoteFingerprint.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
            failure = DtlsFailureReason.FINGERPRINT_MISMATCH;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "client certificate fingerprint mismatch");
        }
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.encoded());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                new Certificate(new TlsCertificate[] {tlsCertificate}),
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal || alertDescription == AlertDescription.close_notify) {
            onPeerClosed.run();
        }
    }

    /** The client's first offered profile that the SRTP package implements (browsers offer _80 before _32). */
    private static SrtpProfile choose(int[] offered) {
        for (int id : offered) {
            java.util.Optional<SrtpProfile> known = SrtpProfile.fromDtlsId(id);
            if (known.isPresent()) {
                return known.get();
            }
        }
        return null;
    }
}
