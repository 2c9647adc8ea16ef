package vn.dinhdanh.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The level rule of the domain brief, over every combination of evidence (jqwik draws the combinations; with up to
 * three proofs of 4 factors × 5 bindings each, and 3 registry levels, its exhaustive generation covers them all):
 * never level 2 without a registry record at level 2 and two kinds of factor, one of them a verified possession
 * factor (the chip's active authentication, or a device bound at level 2 that proved user verification); a device
 * bound by a level-1 login never counts as level-2 possession.
 */
class LevelRulePropertiesTest {

    /** The bindings a proof can carry: each stored code, and none (a method without a device). */
    private static final List<String> BINDINGS = new ArrayList<>(DeviceBindings.ALL);

    static {
        BINDINGS.add("");
    }

    @Provide
    Arbitrary<Evidence> evidence() {
        Arbitrary<String[]> proof = Combinators.combine(Arbitraries.of(Factors.ALL), Arbitraries.of(BINDINGS))
                .as((factor, binding) -> new String[] {factor, binding});
        return proof.list().ofMinSize(0).ofMaxSize(3).map(proofs -> {
            Evidence evidence = Evidence.none();
            for (String[] p : proofs) {
                evidence = evidence.with(p[0], p[1]);
            }
            return evidence;
        });
    }

    private static List<String> proofs(Evidence evidence) {
        return evidence.serialize().isEmpty() ? List.of() : List.of(evidence.serialize().split(","));
    }

    /** A proof's factor, without the binding of the device that gave it. */
    private static String factor(String proof) {
        return proof.contains("@") ? proof.substring(0, proof.indexOf('@')) : proof;
    }

    /** An app key that proved user verification on a device bound at level 2. */
    private static boolean levelTwoDeviceWithUv(String proof) {
        return proof.startsWith(Factors.APP_KEY_UV + "@") && DeviceBindings.level(proof.substring(proof.indexOf('@') + 1)) >= 2;
    }

    /** The chip's active authentication, or a level-2 device's key with user verification. */
    private static boolean verifiedPossession(Evidence evidence) {
        return proofs(evidence).stream().anyMatch(p -> factor(p).equals(Factors.CHIP_AA) || levelTwoDeviceWithUv(p));
    }

    /** Beside the possession: the password (knowledge), or a level-2 device's user verification (a PIN or biometrics). */
    private static boolean secondKind(Evidence evidence) {
        return proofs(evidence).stream().anyMatch(p -> factor(p).equals(Factors.PASSWORD) || levelTwoDeviceWithUv(p));
    }

    @Property(tries = 100_000, generation = GenerationMode.EXHAUSTIVE)
    void neverLevelTwoWithoutTheRegistryAndTwoKindsOneVerifiedPossession(@ForAll("evidence") Evidence evidence,
                                                                         @ForAll @IntRange(min = 0, max = 2) int registryLevel) {
        if (evidence.level(registryLevel) == 2) {
            assertThat(registryLevel).as("registry level").isEqualTo(2);
            assertThat(verifiedPossession(evidence)).as("a verified possession factor in " + evidence).isTrue();
            assertThat(secondKind(evidence)).as("a second kind of factor in " + evidence).isTrue();
        }
    }

    @Property(tries = 100_000, generation = GenerationMode.EXHAUSTIVE)
    void levelTwoWheneverTheRuleIsMet(@ForAll("evidence") Evidence evidence) {
        if (verifiedPossession(evidence) && secondKind(evidence)) {
            assertThat(evidence.level(2)).as(evidence.toString()).isEqualTo(2);
        }
    }

    @Property(tries = 100_000, generation = GenerationMode.EXHAUSTIVE)
    void aDeviceBoundByALevelOneLoginAddsNothingTowardLevelTwo(@ForAll("evidence") Evidence evidence,
                                                               @ForAll("levelOneBinding") String binding,
                                                               @ForAll @IntRange(min = 0, max = 2) int registryLevel) {
        Evidence more = evidence.with(Factors.APP_KEY_UV, binding).with(Factors.APP_KEY, binding);
        int before = evidence.level(registryLevel);
        assertThat(more.level(registryLevel)).as(more.toString()).isEqualTo(Math.max(before, 1));
        assertThat(more.shortfallForLevelTwo(registryLevel).isPresent()).isEqualTo(evidence.shortfallForLevelTwo(registryLevel).isPresent());
    }

    @Provide
    Arbitrary<String> levelOneBinding() {
        return Arbitraries.of(DeviceBindings.ALL.stream().filter(b -> DeviceBindings.level(b) < 2).toList());
    }

    @Property(tries = 100_000, generation = GenerationMode.EXHAUSTIVE)
    void theChipAloneOrWithAnythingOfItsHolderIsLevelOne(@ForAll("levelOneBinding") String binding) {
        assertThat(Evidence.none().with(Factors.CHIP_AA, null).level(2)).isEqualTo(1);
        assertThat(Evidence.none().with(Factors.CHIP_AA, null).with(Factors.APP_KEY_UV, binding).level(2)).isEqualTo(1);
    }
}
