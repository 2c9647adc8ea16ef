package vn.dinhdanh.app.device;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * What enrolment accepts of a device key's WebAuthn attestation.
 *
 * @param formats the attestation formats accepted, of {@value #PACKED}, {@value #ANDROID_KEY} and {@value #NONE}
 *                ("none": no attestation at all, the sandbox only)
 * @param selfAttestation whether a {@value #PACKED} attestation signed by the credential key itself (no certificate) is
 *                        accepted: it proves possession of the key, nothing of the device
 * @param anchors trust anchors of certified {@value #PACKED} and {@value #ANDROID_KEY} attestations, besides Google's
 *                hardware attestation roots, which {@value #ANDROID_KEY} always trusts ({@link TrustAnchors#google()})
 */
public record AttestationPolicy(Set<String> formats, boolean selfAttestation, List<X509Certificate> anchors) {

    public static final String PACKED = "packed";
    public static final String ANDROID_KEY = "android-key";
    public static final String NONE = "none";

    public AttestationPolicy {
        formats = Set.copyOf(formats);
        anchors = List.copyOf(anchors);
        for (String format : formats) {
            if (!Set.of(PACKED, ANDROID_KEY, NONE).contains(format)) {
                throw new IllegalArgumentException("unknown attestation format: " + format);
            }
        }
    }

    /** {@value #PACKED} and {@value #ANDROID_KEY}, with {@value #NONE} only if {@code allowNone}. */
    public static AttestationPolicy of(boolean allowNone, boolean selfAttestation, List<X509Certificate> anchors) {
        return new AttestationPolicy(allowNone ? Set.of(PACKED, ANDROID_KEY, NONE) : Set.of(PACKED, ANDROID_KEY),
                selfAttestation, anchors);
    }
}
