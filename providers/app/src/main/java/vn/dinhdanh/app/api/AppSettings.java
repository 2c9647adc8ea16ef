package vn.dinhdanh.app.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.List;
import vn.dinhdanh.app.device.AppAttest;
import vn.dinhdanh.app.device.AttestationPolicy;

/**
 * The VNeID app's options as read at start ({@code AppConfig}, docs/configuration.md).
 *
 * @param rpId the WebAuthn relying party id the device keys are bound to; null: the server's host name
 * @param origins origins the app's client data may name besides the server's own (e.g. {@code android:apk-key-hash:...})
 * @param attestation what enrolment accepts: formats ("none" only where allowed: the sandbox), self-attestation
 *                    (off by default), trust anchors of certified attestations besides Google's roots
 * @param pushLifetime how long a push challenge can be decided (at most 2 minutes)
 * @param pushesPerMinute pushes a citizen can receive a minute (MFA fatigue)
 * @param pushesPerAddressPerMinute pushes one network address can start a minute, whoever they are for
 * @param appClientId the VNeID app's own OIDC client: only its tokens may enrol a device from a login
 * @param appAttest the App Attest verifier (Apple's root, the environment); null when no App ID is configured
 * @param appAttestAppIds the iOS app's App IDs ({@code <team id>.<bundle id>}) whose App Attest keys are accepted
 */
public record AppSettings(String rpId, Set<String> origins, AttestationPolicy attestation, Duration codeLifetime,
                          Duration pushLifetime, int pushesPerMinute, int pushesPerAddressPerMinute, String appClientId,
                          AppAttest appAttest, List<String> appAttestAppIds, Clock clock) {
}
