package vn.dinhdanh.bench.chip;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dinhdanh.chip.ChipPolicy;
import vn.dinhdanh.chip.ChipVerifier;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.consistency.PersonLookup;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.lds.Sex;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * The only class of the bench that builds and calls the chip verification core, as the core's own test
 * fixtures do: a trust store of the PKI's CSCA and CRL, a document status that answers VALID, the default
 * policy (Active Authentication required), and an in-memory registry holding the card's holder. A change
 * to the core's API is an edit here alone.
 */
final class ChipCore {

    private final ChipVerifier verifier;
    private final PersonLookup registry;
    private final ChipPresentation[] presentations;
    private final byte[][] challenges;

    /**
     * @param answers the chip's answer to each challenge, in the same order: one presentation each is
     *        built here, outside the measured calls
     */
    ChipCore(TestPki pki, Clock clock, VirtualChip chip, List<byte[]> challenges, List<byte[]> answers) {
        if (challenges.isEmpty() || challenges.size() != answers.size()) {
            throw new IllegalArgumentException("one answer per challenge");
        }
        this.verifier = new ChipVerifier(TrustStore.of(List.of(pki.csca()), List.of(pki.crl())),
                (cardNumber, documentSigner) -> DocumentStatus.Status.VALID, clock, ChipPolicy.DEFAULT);
        CardHolder holder = chip.holder();
        Map<String, RegistryPerson> people = Map.of(holder.idNumber(), new RegistryPerson(holder.idNumber(),
                holder.fullName(), holder.dateOfBirth(), Sex.valueOf(holder.sex().name())));
        this.registry = idNumber -> Optional.ofNullable(people.get(idNumber));
        this.presentations = new ChipPresentation[challenges.size()];
        this.challenges = new byte[challenges.size()][];
        for (int i = 0; i < presentations.length; i++) {
            this.presentations[i] = new ChipPresentation(chip.sod(), chip.dataGroups(), answers.get(i));
            this.challenges[i] = challenges.get(i).clone();
        }
    }

    /** Full verification of presentation {@code i}: passive and active authentication, consistency, registry. */
    Verdict verify(int i) {
        return verifier.verify(presentations[i], challenges[i], registry);
    }

    static boolean authenticated(Verdict verdict) {
        return verdict.valid() && verdict.chipAuthenticated();
    }
}
