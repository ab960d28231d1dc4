package io.parley.embedded.media.dtls;

import io.parley.embedded.media.srtp.SrtpProfile;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;

/**
 * A browser stand-in: a BouncyCastle DTLS 1.2 client with its own self-signed ECDSA certificate that offers use_srtp
 * (or not), checks the server's certificate against the server's SDP fingerprint, and exports the SRTP keys the same
 * way a browser does.
 */
public final class TestDtlsClient extends DefaultTlsClient {

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final DtlsFingerprint serverFingerprint;
    private final int[] srtpProfiles;
    private volatile int negotiatedProfile = -1;
    private volatile SrtpKeyMaterial keys;
    volatile short lastAlertReceived = -1;

    /** @param srtpProfiles the use_srtp offer; empty sends no use_srtp extension at all */
    public TestDtlsClient(DtlsCertificate certificate, DtlsFingerprint serverFingerprint, int... srtpProfiles) {
        this(new BcTlsCrypto(new SecureRandom()), certificate, serverFingerprint, srtpProfiles);
    }

    private TestDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint serverFingerprint,
                           int[] srtpProfiles) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.serverFingerprint = serverFingerprint;
        this.srtpProfiles = srtpProfiles;
    }

    /** The keys exported in notifyHandshakeComplete, the only place BouncyCastle allows it; null before. */
    public SrtpKeyMaterial exportKeys() {
        return keys;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        lastAlertReceived = alertDescription;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SrtpProfile profile = SrtpProfile.fromDtlsId(negotiatedProfile)
                .orElseThrow(() -> new IllegalStateException("server selected profile " + negotiatedProfile));
        keys = SrtpKeyMaterial.fromExporter(profile,
                context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.dtlsExportLength()));
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 5_000;
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        if (srtpProfiles.length > 0) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(srtpProfiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData selected = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (selected != null && selected.getProtectionProfiles().length == 1) {
            negotiatedProfile = selected.getProtectionProfiles()[0];
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
                if (!serverFingerprint.matches(der)) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint mismatch");
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                TlsCertificate own = crypto.createCertificate(certificate.encoded());
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        certificate.privateKey(), new Certificate(new TlsCertificate[] {own}),
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }
}
