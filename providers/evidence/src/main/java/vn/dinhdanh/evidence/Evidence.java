package vn.dinhdanh.evidence;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one authentication proved, and the level of assurance it earns (no Keycloak types: unit-tested alone).
 *
 * <p>A proof is a factor a login method recorded ({@link Factors}) with the binding of the device that gave it
 * ({@link DeviceBindings}: {@code in_person} and {@code level2_login} are level-2 bindings, every other one level 1;
 * empty for methods without a device). The rule (../shared/domain.md,
 * the assurance rule): level 2 needs a registry record at e-ID level 2 <em>and</em> two kinds of factor, one of them a
 * cryptographically verified possession factor — the chip's active authentication, or an app key bound at
 * level 2 that proved user verification. Everything else that authenticates is level 1.
 */
public final class Evidence {

    /** The kinds of factor the rule counts. */
    public enum Kind {
        /** Something the citizen knows: the password. */
        KNOWLEDGE,
        /** A key the citizen holds, not verified well enough for level 2 (app key bound at level 1, or without UV). */
        POSSESSION,
        /** The chip's active authentication, or an app key bound at level 2 with user verification. */
        VERIFIED_POSSESSION,
        /**
         * A device bound at level 2 checked the citizen (PIN or biometrics) before signing: a second kind beside the key.
         * A device bound at level 1 proves only that its holder unlocked it, who may not be the citizen: no such kind.
         */
        USER_VERIFIED
    }

    /** Why level 2 was not reached: stable codes, message keys {@code dinhdanh.assurance.<code>}. */
    public enum Shortfall {
        /** The registry record is not at e-ID level 2 (enrolment in person or a new chip card raises it). */
        REGISTRY_LEVEL,
        /** No verified possession factor: the chip, or the app on a phone bound at level 2, with user verification. */
        POSSESSION,
        /** A verified possession factor alone: a second kind (password, or the app's user verification) is missing. */
        SECOND_FACTOR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Set<String> proofs;

    private Evidence(Set<String> proofs) {
        this.proofs = proofs;
    }

    public static Evidence none() {
        return new Evidence(new LinkedHashSet<>());
    }

    /** The evidence kept as {@link #serialize()} wrote it (null or empty: none). */
    public static Evidence parse(String serialized) {
        Evidence evidence = none();
        if (serialized != null) {
            Arrays.stream(serialized.split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(evidence.proofs::add);
        }
        return evidence;
    }

    /** This evidence plus the factors one login method recorded ({@code factors}: comma list) with its device binding. */
    public Evidence with(String factors, String binding) {
        Evidence more = new Evidence(new LinkedHashSet<>(proofs));
        if (factors != null) {
            String boundTo = binding == null ? "" : binding.strip();
            Arrays.stream(factors.split(",")).map(String::strip).filter(f -> !f.isEmpty())
                    .forEach(f -> more.proofs.add(boundTo.isEmpty() ? f : f + "@" + boundTo));
        }
        return more;
    }

    public String serialize() {
        return String.join(",", proofs);
    }

    /** The factors proved, without their bindings, in the order they were proved. */
    public Set<String> factors() {
        return proofs.stream().map(p -> p.contains("@") ? p.substring(0, p.indexOf('@')) : p)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public Set<Kind> kinds() {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String proof : proofs) {
            int at = proof.indexOf('@');
            String factor = at < 0 ? proof : proof.substring(0, at);
            boolean levelTwoDevice = at >= 0 && DeviceBindings.level(proof.substring(at + 1)) >= 2;
            switch (factor) {
                case Factors.PASSWORD -> kinds.add(Kind.KNOWLEDGE);
                case Factors.CHIP_AA -> kinds.add(Kind.VERIFIED_POSSESSION);
                case Factors.APP_KEY_UV -> {
                    if (levelTwoDevice) {
                        kinds.add(Kind.VERIFIED_POSSESSION);
                        kinds.add(Kind.USER_VERIFIED);
                    } else {
                        // A device bound by a level-1 login may be anyone's (the holder of a found card enrolled it):
                        // its PIN or fingerprint is its holder's, not the citizen's, so its UV is no second factor.
                        kinds.add(Kind.POSSESSION);
                    }
                }
                case Factors.APP_KEY -> kinds.add(Kind.POSSESSION);
                default -> { } // a factor this rule does not know counts for nothing
            }
        }
        return kinds;
    }

    /** Nothing proved at all: no level. */
    public boolean isEmpty() {
        return kinds().isEmpty();
    }

    /** What keeps this evidence, for a citizen whose registry record is at {@code registryLevel}, below level 2. */
    public Optional<Shortfall> shortfallForLevelTwo(int registryLevel) {
        if (registryLevel < 2) {
            return Optional.of(Shortfall.REGISTRY_LEVEL);
        }
        Set<Kind> kinds = kinds();
        if (!kinds.contains(Kind.VERIFIED_POSSESSION)) {
            return Optional.of(Shortfall.POSSESSION);
        }
        if (!kinds.contains(Kind.KNOWLEDGE) && !kinds.contains(Kind.USER_VERIFIED)) {
            return Optional.of(Shortfall.SECOND_FACTOR);
        }
        return Optional.empty();
    }

    /** The level earned: 2, 1 (anything that authenticated), or 0 (nothing proved). */
    public int level(int registryLevel) {
        if (isEmpty()) {
            return 0;
        }
        return shortfallForLevelTwo(registryLevel).isEmpty() ? 2 : 1;
    }

    /**
     * The {@code amr} values (RFC 8176) for this evidence: {@code pwd} for the password, {@code sc} and {@code hwk}
     * for the chip (a smart card's own key), {@code hwk} for an app key (hardware-backed on the phone), and
     * {@code mfa} once two kinds of factor were proved.
     */
    public Set<String> amr() {
        Set<String> amr = new LinkedHashSet<>();
        for (String factor : factors()) {
            switch (factor) {
                case Factors.PASSWORD -> amr.add("pwd");
                case Factors.CHIP_AA -> {
                    amr.add("sc");
                    amr.add("hwk");
                }
                case Factors.APP_KEY_UV, Factors.APP_KEY -> amr.add("hwk");
                default -> { }
            }
        }
        Set<Kind> kinds = kinds();
        boolean possession = kinds.contains(Kind.POSSESSION) || kinds.contains(Kind.VERIFIED_POSSESSION);
        if (possession && (kinds.contains(Kind.KNOWLEDGE) || kinds.contains(Kind.USER_VERIFIED))) {
            amr.add("mfa");
        }
        return amr;
    }

    @Override
    public String toString() {
        return serialize();
    }
}
