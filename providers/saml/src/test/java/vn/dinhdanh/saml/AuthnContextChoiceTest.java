package vn.dinhdanh.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.saml.AuthnContextChoice.Comparison;

class AuthnContextChoiceTest {

    private static final String LOA_1 = "urn:vn:eid:loa:1";
    private static final String LOA_2 = "urn:vn:eid:loa:2";
    private static final Map<String, Integer> LEVELS = Map.of(LOA_1, 1, LOA_2, 2);

    @Nested
    @DisplayName("the level earned is stated")
    class Earned {

        @Test
        @DisplayName("nothing asked: the context of the level earned")
        void nothingAsked() {
            assertThat(AuthnContextChoice.choose(1, null, Comparison.NONE, LEVELS)).contains(LOA_1);
            assertThat(AuthnContextChoice.choose(2, null, Comparison.NONE, LEVELS)).contains(LOA_2);
        }

        @Test
        @DisplayName("nothing asked but the SP's minimum selected loa:1, level 2 earned: loa:2 (Keycloak's mapper says loa:1)")
        void spMinimumBelowEarned() {
            assertThat(AuthnContextChoice.choose(2, LOA_1, Comparison.NONE, LEVELS)).contains(LOA_2);
        }

        @Test
        @DisplayName("minimum loa:1 after a level-2 login: loa:2")
        void minimum() {
            assertThat(AuthnContextChoice.choose(2, LOA_1, Comparison.MINIMUM, LEVELS)).contains(LOA_2);
            assertThat(AuthnContextChoice.choose(1, LOA_1, Comparison.MINIMUM, LEVELS)).contains(LOA_1);
        }

        @Test
        @DisplayName("better than loa:1 (Keycloak selected loa:2), level 2 earned: loa:2")
        void better() {
            assertThat(AuthnContextChoice.choose(2, LOA_2, Comparison.BETTER, LEVELS)).contains(LOA_2);
        }
    }

    @Nested
    @DisplayName("the value asked is stated where SAML requires it")
    class Asked {

        @Test
        @DisplayName("exact loa:1 after a level-2 login: loa:1, one of the contexts asked")
        void exact() {
            assertThat(AuthnContextChoice.choose(2, LOA_1, Comparison.EXACT, LEVELS)).contains(LOA_1);
            assertThat(AuthnContextChoice.choose(2, LOA_2, Comparison.EXACT, LEVELS)).contains(LOA_2);
        }

        @Test
        @DisplayName("maximum loa:1 after a level-2 login: loa:1, not above it")
        void maximum() {
            assertThat(AuthnContextChoice.choose(2, LOA_1, Comparison.MAXIMUM, LEVELS)).contains(LOA_1);
        }
    }

    @Nested
    @DisplayName("never a level that was not reached")
    class NeverBelow {

        @Test
        @DisplayName("loa:2 selected, level 1 earned: nothing stated, whatever the comparison")
        void selectedAboveEarned() {
            for (Comparison comparison : Comparison.values()) {
                assertThat(AuthnContextChoice.choose(1, LOA_2, comparison, LEVELS)).as(comparison.name()).isEmpty();
            }
        }

        @Test
        @DisplayName("no LoA recorded (a flow without step-up): nothing stated, Keycloak's default stays")
        void noLevel() {
            assertThat(AuthnContextChoice.choose(-1, null, Comparison.NONE, LEVELS)).isEmpty();
            assertThat(AuthnContextChoice.choose(-1, LOA_1, Comparison.EXACT, LEVELS)).isEmpty();
        }

        @Test
        @DisplayName("a selected context missing from the map, or a level with no context: nothing stated")
        void unmapped() {
            assertThat(AuthnContextChoice.choose(2, "urn:other", Comparison.EXACT, LEVELS)).isEmpty();
            assertThat(AuthnContextChoice.choose(3, null, Comparison.NONE, LEVELS)).isEmpty();
        }
    }

    @Test
    @DisplayName("comparison values: SAML's names in any case; blank or unknown is none")
    void parse() {
        assertThat(Comparison.parse("minimum")).isEqualTo(Comparison.MINIMUM);
        assertThat(Comparison.parse("EXACT")).isEqualTo(Comparison.EXACT);
        assertThat(Comparison.parse(null)).isEqualTo(Comparison.NONE);
        assertThat(Comparison.parse("sideways")).isEqualTo(Comparison.NONE);
    }
}
