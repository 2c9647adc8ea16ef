package vn.dinhdanh.app.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dinhdanh.app.device.AppAttestVectors.DEVELOPMENT_APP_ID;
import static vn.dinhdanh.app.device.AppAttestVectors.DEVELOPMENT_ATTESTATION;
import static vn.dinhdanh.app.device.AppAttestVectors.DEVELOPMENT_CLIENT_DATA;
import static vn.dinhdanh.app.device.AppAttestVectors.DEVELOPMENT_KEY_ID;
import static vn.dinhdanh.app.device.AppAttestVectors.DEVELOPMENT_TIME;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_APP_ID;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_ASSERTION;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_ATTESTATION;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_CHALLENGE;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_KEY_ID;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_TIME;

import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppAttestTest {

    private static final byte[] PRODUCTION_CLIENT_DATA_HASH = TestDevice.sha256(PRODUCTION_CHALLENGE);

    private static Clock at(String time) {
        return Clock.fixed(Instant.parse(time), ZoneOffset.UTC);
    }

    private static AppAttestedKey attestProduction() {
        return AppAttest.apple(true, at(PRODUCTION_TIME))
                .verifyAppAttest(PRODUCTION_KEY_ID, PRODUCTION_ATTESTATION, PRODUCTION_CLIENT_DATA_HASH, PRODUCTION_APP_ID);
    }

    @Nested
    @DisplayName("attestation")
    class Attestation {

        @Test
        @DisplayName("a production key chained to Apple's shipped root gives what a device credential stores")
        void production() {
            AppAttestedKey key = attestProduction();
            assertThat(key.credentialId()).isEqualTo(PRODUCTION_KEY_ID);
            assertThat(key.signCount()).isZero();
            assertThat(key.format()).isEqualTo("apple-appattest");
            assertThat(key.attestedCredentialData().getAaguid())
                    .isEqualTo(new AAGUID("appattest\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII)));
            assertThat(key.attestedCredentialData().getCOSEKey().getPublicKey()).isNotNull();
            assertThat(key.receipt()).isNotEmpty();
            var input = key.credentialInput();
            assertThat(input.getType()).isEqualTo(DeviceCredentialProvider.TYPE);
            assertThat(input.getAttestationStatementFormat()).isEqualTo("apple-appattest");
            assertThat(input.getAttestedCredentialData().getCredentialId()).isEqualTo(PRODUCTION_KEY_ID);
        }

        @Test
        @DisplayName("fails for another app id (relying party)")
        void otherApp() {
            assertThatThrownBy(() -> AppAttest.apple(true, at(PRODUCTION_TIME))
                    .verifyAppAttest(PRODUCTION_KEY_ID, PRODUCTION_ATTESTATION, PRODUCTION_CLIENT_DATA_HASH, "ABCDE12345.vn.dinhdanh.vneid"))
                    .isInstanceOf(BadRpIdException.class);
        }

        @Test
        @DisplayName("fails for another clientDataHash (the nonce in Apple's certificate does not match)")
        void otherChallenge() {
            assertThatThrownBy(() -> AppAttest.apple(true, at(PRODUCTION_TIME)).verifyAppAttest(PRODUCTION_KEY_ID,
                    PRODUCTION_ATTESTATION, TestDevice.sha256("another challenge".getBytes(StandardCharsets.US_ASCII)), PRODUCTION_APP_ID))
                    .isInstanceOf(BadAttestationStatementException.class);
        }

        @Test
        @DisplayName("fails for a key id that is not the certified key's")
        void otherKeyId() {
            assertThatThrownBy(() -> AppAttest.apple(true, at(PRODUCTION_TIME))
                    .verifyAppAttest(DEVELOPMENT_KEY_ID, PRODUCTION_ATTESTATION, PRODUCTION_CLIENT_DATA_HASH, PRODUCTION_APP_ID))
                    .isInstanceOf(BadAttestationStatementException.class);
        }

        @Test
        @DisplayName("fails once Apple's certificate has expired")
        void expired() {
            assertThatThrownBy(() -> AppAttest.apple(true, at("2020-10-01T00:00:00Z"))
                    .verifyAppAttest(PRODUCTION_KEY_ID, PRODUCTION_ATTESTATION, PRODUCTION_CLIENT_DATA_HASH, PRODUCTION_APP_ID))
                    .isInstanceOf(CertificateException.class);
        }

        @Test
        @DisplayName("fails against another root")
        void otherRoot() {
            AppAttest other = new AppAttest(List.of(TestPki.root("CN=Apple App Attestation Root CA, O=Apple Inc., ST=California")
                    .certificate()), true, at(PRODUCTION_TIME));
            assertThatThrownBy(() -> other.verifyAppAttest(PRODUCTION_KEY_ID, PRODUCTION_ATTESTATION, PRODUCTION_CLIENT_DATA_HASH,
                    PRODUCTION_APP_ID)).isInstanceOf(CertificateException.class);
        }

        @Test
        @DisplayName("a development key passes in development only, a production key in production only")
        void environments() {
            byte[] clientDataHash = TestDevice.sha256(DEVELOPMENT_CLIENT_DATA);
            AppAttestedKey key = AppAttest.apple(false, at(DEVELOPMENT_TIME))
                    .verifyAppAttest(DEVELOPMENT_KEY_ID, DEVELOPMENT_ATTESTATION, clientDataHash, DEVELOPMENT_APP_ID);
            assertThat(key.attestedCredentialData().getAaguid())
                    .isEqualTo(new AAGUID("appattestdevelop".getBytes(StandardCharsets.US_ASCII)));
            assertThatThrownBy(() -> AppAttest.apple(true, at(DEVELOPMENT_TIME))
                    .verifyAppAttest(DEVELOPMENT_KEY_ID, DEVELOPMENT_ATTESTATION, clientDataHash, DEVELOPMENT_APP_ID))
                    .isInstanceOf(BadAaguidException.class);
            assertThatThrownBy(() -> AppAttest.apple(false, at(PRODUCTION_TIME))
                    .verifyAppAttest(PRODUCTION_KEY_ID, PRODUCTION_ATTESTATION, PRODUCTION_CLIENT_DATA_HASH, PRODUCTION_APP_ID))
                    .isInstanceOf(BadAaguidException.class);
        }
    }

    @Nested
    @DisplayName("assertion")
    class Assertion {

        private final AppAttestedKey key = attestProduction();
        private final AppAttest appAttest = AppAttest.apple(true, at(PRODUCTION_TIME));

        @Test
        @DisplayName("verifies with the attested key and answers its new counter")
        void verifies() {
            assertThat(appAttest.verifyAppAssertion(PRODUCTION_KEY_ID, PRODUCTION_ASSERTION, PRODUCTION_CLIENT_DATA_HASH,
                    PRODUCTION_APP_ID, key.attestedCredentialData(), key.signCount())).isEqualTo(1);
        }

        @Test
        @DisplayName("fails when the counter does not grow (a replay, or a cloned key)")
        void replay() {
            assertThatThrownBy(() -> appAttest.verifyAppAssertion(PRODUCTION_KEY_ID, PRODUCTION_ASSERTION, PRODUCTION_CLIENT_DATA_HASH,
                    PRODUCTION_APP_ID, key.attestedCredentialData(), 1))
                    .isInstanceOf(MaliciousCounterValueException.class);
        }

        @Test
        @DisplayName("fails over another clientDataHash, for another app, or for another key")
        void mismatches() {
            byte[] other = TestDevice.sha256("another challenge".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> appAttest.verifyAppAssertion(PRODUCTION_KEY_ID, PRODUCTION_ASSERTION, other,
                    PRODUCTION_APP_ID, key.attestedCredentialData(), 0)).isInstanceOf(BadSignatureException.class);
            assertThatThrownBy(() -> appAttest.verifyAppAssertion(PRODUCTION_KEY_ID, PRODUCTION_ASSERTION, PRODUCTION_CLIENT_DATA_HASH,
                    "ABCDE12345.vn.dinhdanh.vneid", key.attestedCredentialData(), 0)).isInstanceOf(BadRpIdException.class);
            assertThatThrownBy(() -> appAttest.verifyAppAssertion(DEVELOPMENT_KEY_ID, PRODUCTION_ASSERTION, PRODUCTION_CLIENT_DATA_HASH,
                    PRODUCTION_APP_ID, key.attestedCredentialData(), 0)).isInstanceOf(NotAllowedCredentialIdException.class);
        }
    }
}
