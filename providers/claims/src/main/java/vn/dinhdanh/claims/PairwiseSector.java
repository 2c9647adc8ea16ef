package vn.dinhdanh.claims;

import java.util.Set;
import org.keycloak.protocol.oidc.utils.PairwiseSubMapperUtils;

/**
 * The sector of a client's pairwise subjects (OpenID Connect Core 8.1): the host of its sector identifier URI,
 * else the one host of its redirect URIs, as Keycloak computes it; else (no redirect URI at all, as a CIBA or
 * service client, or redirect URIs on several hosts) a sector of its own, {@code client:<clientId>}.
 *
 * <p>Why the fallback: Keycloak's pairwise mapper has no sector for such a client and fails the token request
 * with a NullPointerException. As the pairwise subject is a realm default (every new relying party gets it), a
 * client created without redirect URIs must still get a stable pairwise {@code sub}, never the user id (which,
 * for a registry citizen, contains the ID number).</p>
 */
public final class PairwiseSector {

    static final String CLIENT_SECTOR_PREFIX = "client:";

    private PairwiseSector() {
    }

    public static String of(String sectorIdentifierUri, String rootUrl, Set<String> redirectUris, String clientId) {
        String sector = null;
        if (sectorIdentifierUri != null && !sectorIdentifierUri.isBlank()) {
            sector = PairwiseSubMapperUtils.resolveValidSectorIdentifier(sectorIdentifierUri);
        } else if (redirectUris != null && !redirectUris.isEmpty()) {
            sector = PairwiseSubMapperUtils.resolveValidSectorIdentifier(rootUrl, redirectUris);
        }
        return sector != null ? sector : CLIENT_SECTOR_PREFIX + clientId;
    }
}
