package vn.dinhdanh.it.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The pairwise {@code sub} a relying party must see, computed independently of the server: Keycloak's
 * {@code oidc-sha256-pairwise-sub-mapper} hashes sector host, user id and salt (SHA-256) into a name-based UUID.
 * The tests know the salt (they give it to the realm import), so a token's {@code sub} proves who logged in
 * without any claim naming the citizen.
 */
public final class Pairwise {

    private Pairwise() {
    }

    /** The user id of a registry citizen (the population federation's storage id). */
    public static String citizenUserId(String idNumber) {
        return "f:population-registry:" + idNumber;
    }

    public static String subject(String sectorHost, String userId, String salt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(sectorHost.getBytes(StandardCharsets.UTF_8));
            sha256.update(userId.getBytes(StandardCharsets.UTF_8));
            return UUID.nameUUIDFromBytes(sha256.digest(salt.getBytes(StandardCharsets.UTF_8))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code public-portal} (sector {@code localhost}) sees of the citizen {@code idNumber}. */
    public static String atPublicPortal(ServerUnderTest server, String idNumber) {
        return subject("localhost", citizenUserId(idNumber), server.relyingParties().pairwiseSalt());
    }
}
