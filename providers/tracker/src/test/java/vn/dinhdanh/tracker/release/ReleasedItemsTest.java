package vn.dinhdanh.tracker.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class ReleasedItemsTest {

    @Test
    @DisplayName("the claims a token carries are its items; the protocol's own claims are not")
    void itemsOfAToken() {
        IDToken token = new IDToken();
        token.issuer("https://idp").subject("pairwise-123").audience("public-portal").exp(1L).iat(0L);
        token.setNonce("n");
        token.setAcr("urn:vn:eid:loa:2");
        token.setName("Nguyễn Văn A");
        token.setBirthdate("1990-01-02");
        token.getOtherClaims().put("id_number", "001090123456");
        token.getOtherClaims().put("amr", java.util.List.of("pwd"));
        assertThat(ReleasedItems.of(token)).containsExactly("birthdate", "id_number", "name", "sub");
    }

    @Test
    @DisplayName("an access token without personal claims releases only its subject")
    void bareAccessToken() {
        AccessToken token = new AccessToken();
        token.subject("pairwise-123").issuedFor("public-portal");
        token.setScope("openid");
        token.addAccess("account");
        assertThat(ReleasedItems.of(token)).containsExactly("sub");
    }

    @Test
    @DisplayName("who the citizen is and what they are named are items; token bookkeeping is not")
    void protocolClaimsAreNeverItems() {
        assertThat(ReleasedItems.PROTOCOL_CLAIMS).contains("iss", "aud", "exp", "nonce", "acr", "amr", "cnf")
                .doesNotContain("sub", "name", "preferred_username", "id_number");
    }
}
