package vn.dinhdanh.app.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.AndroidKeyAttestationStatement;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.verifier.exception.CertificateException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real Android key attestation chains (Google's verifier's test data, see the resources' headers) against the shipped
 * Google roots: what a phone's android-key attestation carries in x5c.
 */
class AndroidKeyChainTest {

    private static List<X509Certificate> chain(String name) throws Exception {
        try (InputStream in = AndroidKeyChainTest.class.getResourceAsStream("android/" + name)) {
            return TrustAnchors.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    private static void verify(List<X509Certificate> chain, String time) {
        new AnchoredCertPaths(Map.of(AttestationPolicy.ANDROID_KEY, TrustAnchors.google()),
                Clock.fixed(Instant.parse(time), ZoneOffset.UTC))
                .verify(AAGUID.ZERO, new AndroidKeyAttestationStatement(COSEAlgorithmIdentifier.ES256, new byte[0],
                        new AttestationCertificatePath(chain)), Instant.now());
    }

    @Test
    @DisplayName("a factory-provisioned Pixel 3 chain carrying the 2016 root (expired since May 2026) passes today")
    void factoryChainWithExpiredRootCopy() throws Exception {
        List<X509Certificate> chain = chain("blueline-tee-ec-none.pem");
        assertThat(chain.get(chain.size() - 1).getNotAfter()).isBefore(Date.from(TestPki.NOW));
        assertThatCode(() -> verify(chain, "2026-11-24T12:00:00Z")).doesNotThrowAnyException();

        // The JDK's PKIX validator, given the same chain, refuses it for the expired copy of the root.
        PKIXParameters parameters = new PKIXParameters(TrustAnchors.google().stream()
                .map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet()));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(TestPki.NOW));
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters))
                .isInstanceOf(java.security.cert.CertPathValidatorException.class);
    }

    @Test
    @DisplayName("remotely provisioned chains pass while their short-lived certificates are valid: to the RSA root (TEE, StrongBox) and to the 2025 EC root")
    void remotelyProvisioned() throws Exception {
        verify(chain("caiman-tee-ec-rkp.pem"), "2025-09-26T00:00:00Z");
        verify(chain("akita-sb-rsa-none.pem"), "2024-09-13T00:00:00Z");
        verify(chain("tegu-tee-ec-2026-root.pem"), "2026-02-22T12:00:00Z");
        assertThatThrownBy(() -> verify(chain("tegu-tee-ec-2026-root.pem"), "2026-06-01T00:00:00Z"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("expired");
    }

    @Test
    @DisplayName("a chain to Android's software attestation root fails: its key is public")
    void softwareRoot() throws Exception {
        assertThatThrownBy(() -> verify(chain("marlin-tee-ec-none.pem"), "2020-01-01T00:00:00Z"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("trusted root");
    }

    @Test
    @DisplayName("the security levels of the key descriptions: TEE, StrongBox")
    void securityLevels() throws Exception {
        assertThat(AndroidKeyDescription.securityLevels(chain("tegu-tee-ec-2026-root.pem").get(0))).containsExactly(1, 1);
        assertThat(AndroidKeyDescription.securityLevels(chain("akita-sb-rsa-none.pem").get(0))).containsExactly(2, 2);
    }

    @Test
    @DisplayName("the root copy is dropped only when it is an anchor's name and key")
    void rootCopy() throws Exception {
        List<X509Certificate> chain = chain("blueline-tee-ec-none.pem");
        Set<TrustAnchor> google = TrustAnchors.google().stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        assertThat(AnchoredCertPaths.withoutAnchorCopy(chain, google)).hasSize(chain.size() - 1);
        Set<TrustAnchor> other = Set.of(new TrustAnchor(TestPki.root("SERIALNUMBER=f92009e853b6b045").certificate(), null));
        assertThat(AnchoredCertPaths.withoutAnchorCopy(chain, other)).hasSize(chain.size());
    }
}
