package vn.dinhdanh.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PairwiseSectorTest {

    @Test
    @DisplayName("the sector identifier URI's host wins")
    void sectorIdentifierUri() {
        assertThat(PairwiseSector.of("https://bank.example.vn/sector.json", null, Set.of("https://app.example.vn/cb"), "bank"))
                .isEqualTo("bank.example.vn");
    }

    @Test
    @DisplayName("else the one host of the redirect URIs, whatever the port or path (Keycloak's own rule)")
    void redirectHost() {
        assertThat(PairwiseSector.of("", null, Set.of("http://localhost:8090/callback", "http://localhost:9999/other"), "portal"))
                .isEqualTo("localhost");
        assertThat(PairwiseSector.of(null, "https://portal.gov.vn", Set.of("/callback"), "portal")).isEqualTo("portal.gov.vn");
    }

    @Test
    @DisplayName("no redirect URI (CIBA, service accounts) or several hosts: a sector of the client's own")
    void fallback() {
        assertThat(PairwiseSector.of(null, null, Set.of(), "bank-call-centre")).isEqualTo("client:bank-call-centre");
        assertThat(PairwiseSector.of(null, null, null, "x")).isEqualTo("client:x");
        assertThat(PairwiseSector.of("", null, Set.of("https://a.vn/cb", "https://b.vn/cb"), "two")).isEqualTo("client:two");
    }
}
