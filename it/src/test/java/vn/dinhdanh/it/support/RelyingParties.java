package vn.dinhdanh.it.support;

import java.net.URI;
import java.util.Map;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.SandboxSecrets;

/**
 * Where the tests play the sample relying parties: loopback ports chosen per run and handed to the
 * realm import through its {@code ${...}} placeholders, so the realm keeps exact redirect URIs.
 */
public record RelyingParties(int publicPortalPort, String publicPortalSecret, int legacyPortalPort, String bankEkycSecret,
                             String bankCallCentreSecret, int bankOnlinePort, int libraryPortalPort, String libraryPortalSecret,
                             String pairwiseSalt) {

    public static RelyingParties random() {
        return new RelyingParties(Ports.free(), SandboxSecrets.random(), Ports.free(), SandboxSecrets.random(), SandboxSecrets.random(),
                Ports.free(), Ports.free(), SandboxSecrets.random(), SandboxSecrets.random());
    }

    /** The second OIDC relying party: on 127.0.0.1, so that its pairwise sector differs from public-portal's (localhost). */
    public URI libraryPortalCallback() {
        return URI.create("http://127.0.0.1:" + libraryPortalPort + "/callback");
    }

    public URI publicPortalCallback() {
        return URI.create("http://localhost:" + publicPortalPort + "/callback");
    }

    public URI legacyPortalAcs() {
        return URI.create("http://localhost:" + legacyPortalPort + "/saml/acs");
    }

    /**
     * The FAPI bank's redirect URI: https, as its client policy demands of every registered URI, and on
     * {@code 127.0.0.1}, another host than {@code public-portal}'s, hence another pairwise sector.
     */
    public URI bankOnlineCallback() {
        return URI.create("https://127.0.0.1:" + bankOnlinePort + "/callback");
    }

    /** Values for the placeholders of {@code realm-config/dinhdanh-realm.json}. */
    public Map<String, String> realmEnvironment() {
        return Map.of(
                SandboxSecrets.PUBLIC_PORTAL_SECRET, publicPortalSecret,
                SandboxSecrets.BANK_EKYC_SECRET, bankEkycSecret,
                SandboxSecrets.BANK_CALL_CENTRE_SECRET, bankCallCentreSecret,
                "DINHDANH_PUBLIC_PORTAL_URL", "http://localhost:" + publicPortalPort,
                "DINHDANH_LEGACY_PORTAL_URL", "http://localhost:" + legacyPortalPort,
                "DINHDANH_BANK_ONLINE_URL", "https://127.0.0.1:" + bankOnlinePort,
                SandboxSecrets.LIBRARY_PORTAL_SECRET, libraryPortalSecret,
                "DINHDANH_LIBRARY_PORTAL_URL", "http://127.0.0.1:" + libraryPortalPort,
                SandboxSecrets.PAIRWISE_SALT, pairwiseSalt);
    }
}
