package vn.dinhdanh.app.device;

import com.webauthn4j.data.attestation.statement.AndroidKeyAttestationStatement;
import com.webauthn4j.verifier.CustomRegistrationVerifier;
import com.webauthn4j.verifier.RegistrationObject;
import com.webauthn4j.verifier.exception.KeyDescriptionValidationException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * What webauthn4j's android-key verifier leaves out of the key description: that the key lives in secure hardware.
 * It checks the challenge, that the key is not usable by all applications, and that origin (generated) and purpose
 * (sign) are TEE-enforced; here both {@code attestationSecurityLevel} and {@code keyMintSecurityLevel} must be
 * TrustedEnvironment (1) or StrongBox (2), never Software (0), as Android's documentation asks before trusting a key.
 */
final class AndroidKeyDescription implements CustomRegistrationVerifier {

    static final int SOFTWARE = 0;

    @Override
    public void verify(RegistrationObject registration) {
        if (!(registration.getAttestationObject().getAttestationStatement() instanceof AndroidKeyAttestationStatement statement)) {
            return;
        }
        X509Certificate key = statement.getX5c().getEndEntityAttestationCertificate().getCertificate();
        int[] levels = securityLevels(key);
        if (levels[0] <= SOFTWARE || levels[1] <= SOFTWARE) {
            throw new KeyDescriptionValidationException("the device key is not kept in secure hardware (software security level)");
        }
    }

    /** {@code attestationSecurityLevel} and {@code keyMintSecurityLevel} (keymasterSecurityLevel before KeyMint). */
    static int[] securityLevels(X509Certificate key) {
        byte[] extension = key.getExtensionValue(AndroidKeyChain.KEY_DESCRIPTION_OID);
        if (extension == null) {
            throw new KeyDescriptionValidationException("the key's certificate has no key description");
        }
        try {
            ASN1Sequence description = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            return new int[] {
                    ASN1Enumerated.getInstance(description.getObjectAt(1)).intValueExact(),
                    ASN1Enumerated.getInstance(description.getObjectAt(3)).intValueExact()};
        } catch (RuntimeException e) {
            throw new KeyDescriptionValidationException("the key description does not parse", e);
        }
    }
}
