package vn.dinhdanh.app.device;

import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.verifier.attestation.statement.AttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WebAuthn registration check of device keys, from an {@link AttestationPolicy}: webauthn4j's verifiers of the
 * formats accepted; certified attestations chained to their format's anchors ({@link AnchoredCertPaths}: Google's
 * roots and the configured ones for {@code android-key}, the configured ones for {@code packed}); self-attestation as
 * the policy says; and Android keys in secure hardware ({@link AndroidKeyDescription}).
 */
public final class Attestations {

    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private Attestations() {
    }

    public static WebAuthnRegistrationManager registrationManager(AttestationPolicy policy, Clock clock) {
        List<AttestationStatementVerifier> verifiers = new ArrayList<>();
        if (policy.formats().contains(AttestationPolicy.PACKED)) {
            verifiers.add(new PackedAttestationStatementVerifier());
        }
        if (policy.formats().contains(AttestationPolicy.ANDROID_KEY)) {
            AndroidKeyAttestationStatementVerifier androidKey = new AndroidKeyAttestationStatementVerifier();
            androidKey.setTeeEnforcedOnly(true); // origin "generated" and purpose "sign" from the TEE's list only
            verifiers.add(androidKey);
        }
        if (policy.formats().contains(AttestationPolicy.NONE)) {
            verifiers.add(new NoneAttestationStatementVerifier());
        }
        List<X509Certificate> android = new ArrayList<>(GoogleRoots.CERTIFICATES);
        android.addAll(policy.anchors());
        AnchoredCertPaths chains = new AnchoredCertPaths(Map.of(
                AttestationPolicy.PACKED, policy.anchors(),
                AttestationPolicy.ANDROID_KEY, android), clock);
        return new WebAuthnRegistrationManager(verifiers, chains,
                new DefaultSelfAttestationTrustworthinessVerifier(policy.selfAttestation()),
                List.of(new AndroidKeyDescription()), CONVERTER);
    }

    /**
     * An enrolment's attestation, read and checked: its data, or webauthn4j's {@code VerificationException} or
     * {@code DataConversionException} (whatever else the parser throws on these bytes included) when it does not verify.
     */
    public static RegistrationData verify(WebAuthnRegistrationManager manager, RegistrationRequest request,
                                          RegistrationParameters parameters) {
        return Webauthn4jInput.read("the attestation object", () -> manager.verify(manager.parse(request), parameters));
    }

    /** Read once: the resource does not change. */
    private static final class GoogleRoots {
        static final List<X509Certificate> CERTIFICATES = TrustAnchors.google();
    }
}
