package io.parley.embedded.media.dtls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtlsFingerprintTest {

    private static final DtlsCertificate CERTIFICATE = DtlsPair.SERVER_CERTIFICATE;

    @Test
    void sdpFingerprintIsSha256InUpperCaseHexPairs() {
        assertThat(CERTIFICATE.sdpFingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void parsesWhatItWritesAndIgnoresCase() {
        DtlsFingerprint parsed = DtlsFingerprint.parse(CERTIFICATE.sdpFingerprint());
        assertThat(parsed).isEqualTo(CERTIFICATE.fingerprint());
        assertThat(DtlsFingerprint.parse(" " + CERTIFICATE.sdpFingerprint().toLowerCase(Locale.ROOT).replace("sha", "SHA")))
                .isEqualTo(CERTIFICATE.fingerprint());
        assertThat(parsed.matches(CERTIFICATE.encoded())).isTrue();
        assertThat(parsed.matches(DtlsPair.CLIENT_CERTIFICATE.encoded())).isFalse();
    }

    @Test
    void theSdpParsersDigestBytesMakeTheSameFingerprint() {
        io.parley.embedded.media.sdp.Fingerprint sdp = io.parley.embedded.media.sdp.Fingerprint
                .sha256(CERTIFICATE.fingerprint().value());
        assertThat(DtlsFingerprint.of(sdp.hashFunction(), sdp.digest())).isEqualTo(CERTIFICATE.fingerprint());
        assertThatThrownBy(() -> DtlsFingerprint.of("sha-256", new byte[20])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.of("md5", new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedOrWeakFingerprints() {
        String hex = CERTIFICATE.sdpFingerprint().substring("sha-256 ".length());
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-1 " + hex.substring(0, 59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 " + hex.substring(0, 92)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 " + hex.replace(':', '-')))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse(hex)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void certificateIsSelfSignedEcdsaP256ForParley() throws Exception {
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE.encoded()));

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=parley");
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        x509.verify(x509.getPublicKey());
        x509.checkValidity();
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(Duration.between(x509.getNotBefore().toInstant(), x509.getNotAfter().toInstant()))
                .isGreaterThanOrEqualTo(DtlsCertificate.DEFAULT_VALIDITY);
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(CERTIFICATE.notAfter().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void processCertificateIsGeneratedOnce() {
        assertThat(DtlsCertificate.processCertificate()).isSameAs(DtlsCertificate.processCertificate());
    }
}
