package vn.dinhdanh.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceTest {

    private static Evidence of(String... methods) {
        Evidence evidence = Evidence.none();
        for (String method : methods) {
            String[] parts = method.split("@", -1);
            evidence = evidence.with(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return evidence;
    }

    @ParameterizedTest(name = "{0} on a registry record at e-ID level {1} → LoA {2}")
    @CsvSource({
        // one method
        "password,              2, 1",
        "chip_aa,               2, 1",
        "app_key_uv@in_person,  2, 2",
        "app_key_uv@level2_login,2, 2",
        // a chip-only login bound devices under "chip" before: read as level 1
        "app_key_uv@chip,       2, 1",
        "app_key_uv@session,    2, 1",
        "app_key@in_person,     2, 1",
        // two methods
        "password chip_aa,             2, 2",
        "password app_key_uv@in_person,2, 2",
        "password app_key_uv@session,  2, 1",
        "password app_key@in_person,   2, 1",
        // the found-card attack: the card plus a phone its holder enrolled with it is one person's card, not two factors
        "chip_aa app_key_uv@session,   2, 1",
        "chip_aa app_key_uv@chip,      2, 1",
        "chip_aa app_key_uv@in_person, 2, 2",
        "chip_aa app_key@in_person,    2, 1",
        "chip_aa chip_aa,              2, 1",
        // the registry caps everything at level 1
        "app_key_uv@in_person,  1, 1",
        "password chip_aa,      1, 1",
        "password chip_aa,      0, 1",
        // nothing proved, or nothing this rule knows
        "'',                    2, 0",
        "otp,                   2, 0",
    })
    void levels(String methods, int registryLevel, int expected) {
        Evidence evidence = methods.isBlank() ? Evidence.none() : of(methods.strip().split("\\s+"));
        assertThat(evidence.level(registryLevel)).isEqualTo(expected);
    }

    @Test
    @DisplayName("the shortfall names the first thing missing: the registry level, then the possession factor, then a second kind")
    void shortfalls() {
        assertThat(of("app_key_uv@in_person").shortfallForLevelTwo(1)).contains(Evidence.Shortfall.REGISTRY_LEVEL);
        assertThat(of("password").shortfallForLevelTwo(2)).contains(Evidence.Shortfall.POSSESSION);
        assertThat(of("app_key_uv@session").shortfallForLevelTwo(2)).contains(Evidence.Shortfall.POSSESSION);
        assertThat(of("chip_aa").shortfallForLevelTwo(2)).contains(Evidence.Shortfall.SECOND_FACTOR);
        assertThat(of("chip_aa", "password").shortfallForLevelTwo(2)).isEmpty();
        assertThat(Evidence.Shortfall.SECOND_FACTOR.code()).isEqualTo("second_factor");
    }

    @Test
    @DisplayName("kept in a note and read back, with each factor's device binding; factors listed without bindings")
    void roundTrip() {
        Evidence evidence = of("password", "app_key_uv@in_person", "password");
        assertThat(evidence.serialize()).isEqualTo("password,app_key_uv@in_person");
        Evidence back = Evidence.parse(evidence.serialize());
        assertThat(back.level(2)).isEqualTo(2);
        assertThat(back.factors()).containsExactly("password", "app_key_uv");
        assertThat(Evidence.parse(null).isEmpty()).isTrue();
        assertThat(Evidence.parse(" , ").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a method's comma list of factors adds each one; a blank binding adds none")
    void commaLists() {
        Evidence evidence = Evidence.none().with("password, chip_aa", " ");
        assertThat(evidence.serialize()).isEqualTo("password,chip_aa");
        assertThat(evidence.level(2)).isEqualTo(2);
        assertThat(Evidence.none().with(null, "in_person").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("amr: pwd, sc + hwk for the chip, hwk for app keys, mfa once two kinds were proved")
    void amr() {
        assertThat(of("password").amr()).containsExactly("pwd");
        assertThat(of("chip_aa").amr()).containsExactly("sc", "hwk");
        assertThat(of("app_key").amr()).containsExactly("hwk");
        assertThat(of("app_key_uv@in_person").amr()).containsExactly("hwk", "mfa");
        assertThat(of("password", "app_key_uv@session").amr()).containsExactly("pwd", "hwk", "mfa");
        assertThat(of("password", "chip_aa").amr()).containsExactly("pwd", "sc", "hwk", "mfa");
    }
}
