package vn.dinhdanh.chip;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.lds.Sex;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/** Chips from the virtual chip module, built once per JVM (RSA keys take a moment), and a verifier around them. */
public final class Fixtures {

    public static final TestPki PKI = TestPki.generate(20210701);
    /** The day the tests run on: the sample card is valid, the EXPIRED variant is not. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T03:00:00Z"), CitizenRecord.CALENDAR);
    public static final TrustStore TRUST = TrustStore.of(List.of(PKI.csca()), List.of(PKI.crl()));
    public static final byte[] CHALLENGE = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88};

    private static final Map<String, VirtualChip> CHIPS = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    public static VirtualChip chip(Variant variant) {
        return chip(variant, ActiveAuthKey.RSA_SHA1);
    }

    public static VirtualChip chip(Variant variant, ActiveAuthKey aa) {
        return CHIPS.computeIfAbsent(variant + "/" + aa, key ->
                VirtualChip.builder(PKI, CardHolder.sample()).variant(variant).activeAuth(aa).build());
    }

    /** What a reader sends for {@code chip}: all its files and its answer to {@link #CHALLENGE}. */
    public static ChipPresentation presentation(VirtualChip chip) {
        byte[] answer = chip.activeAuthKey() == ActiveAuthKey.NONE ? null : chip.signChallenge(CHALLENGE);
        return new ChipPresentation(chip.sod(), chip.dataGroups(), answer);
    }

    public static RegistryPerson samplePerson() {
        CardHolder holder = CardHolder.sample();
        return new RegistryPerson(holder.idNumber(), holder.fullName(), holder.dateOfBirth(), Sex.MALE);
    }

    public static ChipVerifier verifier() {
        return verifier(ChipPolicy.DEFAULT, (card, ds) -> DocumentStatus.Status.VALID);
    }

    public static ChipVerifier verifier(ChipPolicy policy, DocumentStatus status) {
        return new ChipVerifier(TRUST, status, CLOCK, policy);
    }

    public static Verdict verify(ChipPresentation presentation) {
        return verifier().verify(presentation, CHALLENGE, Optional.of(samplePerson()));
    }

    public static LocalDate today() {
        return LocalDate.now(CLOCK);
    }
}
