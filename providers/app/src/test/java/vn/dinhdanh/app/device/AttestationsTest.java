package vn.dinhdanh.app.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dinhdanh.app.device.TestPki.NOW;
import static vn.dinhdanh.app.device.TestPki.YEAR;

import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.KeyDescriptionValidationException;
import com.webauthn4j.verifier.exception.SelfAttestationProhibitedException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AttestationsTest {

    private final TestDevice device = new TestDevice();

    private RegistrationData register(AttestationPolicy policy, RegistrationRequest request) {
        WebAuthnRegistrationManager manager = Attestations.registrationManager(policy, TestPki.CLOCK);
        RegistrationData data = manager.parse(request);
        manager.verify(data, device.parameters());
        return data;
    }

    private static AttestationPolicy trusting(X509Certificate... anchors) {
        return AttestationPolicy.of(false, false, List.of(anchors));
    }

    @Nested
    @DisplayName("certified packed attestation")
    class CertifiedPacked {

        private final TestPki.Issued root = TestPki.root("CN=Test Attestation Root, O=Vendor, C=VN");
        private final TestPki.Issued attestation = TestPki.ca(root, "CN=Test Attestation CA, O=Vendor, C=VN");
        private final TestPki.Issued signer = new TestPki.Issued(null, TestPki.p256());
        private final X509Certificate certificate = TestPki.leaf(attestation,
                "CN=Test Authenticator, OU=Authenticator Attestation, O=Vendor, C=VN", signer.keys().getPublic());

        @Test
        @DisplayName("passes when its root is configured")
        void configuredRoot() {
            RegistrationData data = register(trusting(root.certificate()),
                    device.packedCertified(signer.keys(), List.of(certificate, attestation.certificate())));
            assertThat(data.getAttestationObject().getFormat()).isEqualTo("packed");
        }

        @Test
        @DisplayName("passes with a copy of its root in the chain, even an expired one: the configured root stands for it")
        void expiredRootCopy() {
            X509Certificate oldCopy = TestPki.reissue(root, NOW.minus(YEAR.multipliedBy(10)), NOW.minus(YEAR));
            register(trusting(root.certificate()),
                    device.packedCertified(signer.keys(), List.of(certificate, attestation.certificate(), oldCopy)));
        }

        @Test
        @DisplayName("fails when its root is not the one configured")
        void unknownRoot() {
            X509Certificate other = TestPki.root("CN=Test Attestation Root, O=Vendor, C=VN").certificate(); // same name, other key
            assertThatThrownBy(() -> register(trusting(other),
                    device.packedCertified(signer.keys(), List.of(certificate, attestation.certificate()))))
                    .isInstanceOf(CertificateException.class);
        }

        @Test
        @DisplayName("fails when no root is configured; Google's roots do not anchor packed attestations")
        void noRoot() {
            assertThatThrownBy(() -> register(trusting(),
                    device.packedCertified(signer.keys(), List.of(certificate, attestation.certificate()))))
                    .isInstanceOf(TrustAnchorNotFoundException.class);
        }

        @Test
        @DisplayName("fails when a certificate of the chain has expired")
        void expiredIntermediate() {
            TestPki.Issued expired = TestPki.ca(root, "CN=Old CA, O=Vendor, C=VN", NOW.minus(YEAR.multipliedBy(3)), NOW.minus(YEAR));
            X509Certificate leaf = TestPki.leaf(expired, "CN=Test Authenticator, OU=Authenticator Attestation, O=Vendor, C=VN",
                    signer.keys().getPublic(), NOW.minus(YEAR.multipliedBy(2)), NOW.plus(YEAR));
            assertThatThrownBy(() -> register(trusting(root.certificate()),
                    device.packedCertified(signer.keys(), List.of(leaf, expired.certificate()))))
                    .isInstanceOf(CertificateException.class);
        }
    }

    @Nested
    @DisplayName("self-attestation")
    class SelfAttestation {

        @Test
        @DisplayName("accepted when the policy allows it (the sandbox phone's)")
        void allowed() {
            RegistrationData data = register(AttestationPolicy.of(false, true, List.of()), device.packedSelf());
            assertThat(data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData()).isNotNull();
        }

        @Test
        @DisplayName("refused when the policy says so")
        void refused() {
            assertThatThrownBy(() -> register(AttestationPolicy.of(false, false, List.of()), device.packedSelf()))
                    .isInstanceOf(SelfAttestationProhibitedException.class);
        }
    }

    @Nested
    @DisplayName("no attestation (\"none\")")
    class NoAttestation {

        @Test
        @DisplayName("accepted only when allowed")
        void onlyWhenAllowed() {
            register(AttestationPolicy.of(true, false, List.of()), device.none());
            assertThatThrownBy(() -> register(AttestationPolicy.of(false, true, List.of()), device.none()))
                    .isInstanceOf(BadAttestationStatementException.class);
        }
    }

    @Nested
    @DisplayName("android-key attestation")
    class AndroidKey {

        private final TestPki.Issued root = TestPki.root("CN=Test Android Root, O=Test");
        private final TestPki.Issued intermediate = TestPki.ca(root, "SERIALNUMBER=87f4514475ba0a2b, T=TEE");
        private final TestPki.Issued attestation = TestPki.ca(intermediate, "CN=Test Attestation Key, T=TEE");

        private X509Certificate keyCertificate(int securityLevel) {
            return TestPki.leaf(attestation, "CN=Android Keystore Key", device.key.getPublic(),
                    TestPki.keyDescription(device.clientDataHash(), securityLevel));
        }

        private List<X509Certificate> chain(X509Certificate key) {
            return List.of(key, attestation.certificate(), intermediate.certificate(), root.certificate());
        }

        @Test
        @DisplayName("passes with a TEE key chained to a configured root")
        void configuredRoot() {
            RegistrationData data = register(trusting(root.certificate()), device.androidKey(chain(keyCertificate(1))));
            assertThat(data.getAttestationObject().getFormat()).isEqualTo("android-key");
        }

        @Test
        @DisplayName("fails when only Google's roots are trusted")
        void googleOnly() {
            assertThatThrownBy(() -> register(trusting(), device.androidKey(chain(keyCertificate(1)))))
                    .isInstanceOf(CertificateException.class).hasMessageContaining("trusted root");
        }

        @Test
        @DisplayName("fails for a key the key description calls software-backed")
        void software() {
            assertThatThrownBy(() -> register(trusting(root.certificate()), device.androidKey(chain(keyCertificate(0)))))
                    .isInstanceOf(KeyDescriptionValidationException.class);
        }

        @Test
        @DisplayName("passes with the key's certificate dated by a phone whose clock runs ahead")
        void keyCertificateNotYetValid() {
            X509Certificate ahead = TestPki.leaf(attestation, "CN=Android Keystore Key", device.key.getPublic(),
                    NOW.plus(YEAR), NOW.plus(YEAR.multipliedBy(2)), TestPki.keyDescription(device.clientDataHash(), 2));
            register(trusting(root.certificate()), device.androidKey(chain(ahead)));
        }

        @Test
        @DisplayName("passes with an expired intermediate in a factory-provisioned chain, fails in another")
        void expiredIntermediate() {
            TestPki.Issued factory = TestPki.ca(root, "SERIALNUMBER=0badc0de, T=TEE", NOW.minus(YEAR.multipliedBy(10)), NOW.minus(YEAR));
            TestPki.Issued remote = TestPki.ca(root, "CN=Droid CA2, O=Google LLC", NOW.minus(YEAR.multipliedBy(10)), NOW.minus(YEAR));
            for (TestPki.Issued under : List.of(factory, remote)) {
                TestPki.Issued attest = TestPki.ca(under, "CN=Test Attestation Key, T=TEE");
                X509Certificate key = TestPki.leaf(attest, "CN=Android Keystore Key", device.key.getPublic(),
                        TestPki.keyDescription(device.clientDataHash(), 1));
                RegistrationRequest request = device.androidKey(List.of(key, attest.certificate(), under.certificate(), root.certificate()));
                if (under == factory) {
                    register(trusting(root.certificate()), request);
                } else {
                    assertThatThrownBy(() -> register(trusting(root.certificate()), request))
                            .isInstanceOf(CertificateException.class).hasMessageContaining("has expired");
                }
            }
        }

        @Test
        @DisplayName("fails for a chain extended below a genuine key: a certificate of another key signed by it")
        void extendedChain() {
            X509Certificate genuine = keyCertificate(1);
            TestPki.Issued genuineKey = new TestPki.Issued(genuine, device.key);
            var attacker = TestPki.p256();
            X509Certificate forged = TestPki.leaf(genuineKey, "CN=Android Keystore Key", attacker.getPublic(),
                    TestPki.keyDescription(device.clientDataHash(), 2));
            List<X509Certificate> x5c = List.of(forged, genuine, attestation.certificate(), intermediate.certificate(), root.certificate());
            assertThatThrownBy(() -> register(trusting(root.certificate()), device.androidKey(attacker, x5c)))
                    .isInstanceOf(CertificateException.class).hasMessageContaining("chain extended below a key");
        }

        @Test
        @DisplayName("fails when a certificate in the chain is not signed by the one above")
        void brokenSignature() {
            TestPki.Issued lookalike = TestPki.ca(TestPki.root("CN=Test Android Root, O=Test"), "SERIALNUMBER=87f4514475ba0a2b, T=TEE");
            TestPki.Issued impostor = TestPki.ca(lookalike, "CN=Test Attestation Key, T=TEE"); // names the real intermediate
            X509Certificate key = TestPki.leaf(impostor, "CN=Android Keystore Key", device.key.getPublic(),
                    TestPki.keyDescription(device.clientDataHash(), 1));
            assertThatThrownBy(() -> register(trusting(root.certificate()),
                    device.androidKey(List.of(key, impostor.certificate(), intermediate.certificate(), root.certificate()))))
                    .isInstanceOf(CertificateException.class).hasMessageContaining("not signed by the one above");
        }
    }
}
