package vn.dinhdanh.chip;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.dinhdanh.chip.active.ActiveAuthentication;
import vn.dinhdanh.chip.consistency.Consistency;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.consistency.PersonLookup;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.ChipIdentity;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.lds.LdsContent;
import vn.dinhdanh.chip.lds.LdsFiles;
import vn.dinhdanh.chip.lds.LdsLimits;
import vn.dinhdanh.chip.lds.LdsReader;
import vn.dinhdanh.chip.lds.MalformedLdsException;
import vn.dinhdanh.chip.passive.DataGroupHashes;
import vn.dinhdanh.chip.passive.SodSignature;
import vn.dinhdanh.chip.trust.DocumentSignerValidator;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;

/**
 * Verifies one chip presentation against one server challenge, in {@link CheckName} order; the first
 * failure ends it and the remaining checks are reported skipped. Thread-safe and stateless: challenges
 * (issuing, expiry, single use) are the caller's, so is the registry lookup.
 *
 * <p>Never throws for anything a reader can send: every defect of the presentation is a verdict, at worst
 * {@code malformed_lds}. It throws only for the caller's own mistakes (a missing or oversized challenge).
 */
public final class ChipVerifier {

    private final LdsReader reader;
    private final DocumentSignerValidator signerValidator;
    private final DocumentStatus documentStatus;
    private final Clock clock;
    private final ChipPolicy policy;

    public ChipVerifier(TrustStore trustStore, DocumentStatus documentStatus, Clock clock, ChipPolicy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.documentStatus = Objects.requireNonNull(documentStatus, "documentStatus");
        this.signerValidator = new DocumentSignerValidator(Objects.requireNonNull(trustStore, "trustStore"), clock,
                policy.requireRevocationList(), policy.cscaCountry());
        this.reader = new LdsReader(policy.dg13Layout());
    }

    /**
     * @param challenge the challenge this server issued for this presentation, already checked unknown/expired/reused
     * @param person the registry's citizen under the card's number, if the caller has one to compare
     */
    public Verdict verify(ChipPresentation presentation, byte[] challenge, Optional<RegistryPerson> person) {
        Objects.requireNonNull(person, "person");
        return verify(presentation, challenge, idNumber -> person, false);
    }

    /**
     * As above, with the registry asked for the card's citizen once the card's number is known to be
     * genuine; a card whose number the registry does not hold fails {@code person_mismatch}, a citizen
     * the registry refuses fails {@code citizen_not_alive}.
     */
    public Verdict verify(ChipPresentation presentation, byte[] challenge, PersonLookup registry) {
        Objects.requireNonNull(registry, "registry");
        return verify(presentation, challenge, registry, true);
    }

    private Verdict verify(ChipPresentation presentation, byte[] challenge, PersonLookup registry, boolean personRequired) {
        Objects.requireNonNull(presentation, "presentation");
        if (challenge == null || challenge.length < LdsLimits.MIN_CHALLENGE_BYTES
                || challenge.length > LdsLimits.MAX_CHALLENGE_BYTES) {
            throw new IllegalArgumentException("a challenge has " + LdsLimits.MIN_CHALLENGE_BYTES + " to "
                    + LdsLimits.MAX_CHALLENGE_BYTES + " bytes");
        }
        Run run = new Run();
        try {
            verify(run, presentation, challenge.clone(), registry, personRequired);
        } catch (RuntimeException | StackOverflowError e) {
            // A library fault on hostile input the checks above did not foresee: still only a refusal.
            run.abort();
        }
        return run.verdict();
    }

    private void verify(Run run, ChipPresentation presentation, byte[] challenge, PersonLookup registry,
                        boolean personRequired) {
        LdsFiles files;
        try {
            run.at(CheckName.LDS_STRUCTURE);
            files = reader.readStructure(presentation);
            run.pass();
        } catch (MalformedLdsException e) {
            run.fail(CheckName.LDS_STRUCTURE, ChipFailure.MALFORMED_LDS);
            return;
        }

        run.at(CheckName.REQUIRED_DATA_GROUPS);
        if (!files.dataGroups().keySet().containsAll(required(files))) {
            run.fail(CheckName.REQUIRED_DATA_GROUPS, ChipFailure.DG_MISSING);
            return;
        }
        run.pass();

        run.at(CheckName.SOD_SIGNATURE);
        SodSignature.Result signature = SodSignature.verify(files.sod());
        if (signature.status() == SodSignature.Status.ALGORITHM_NOT_ALLOWED) {
            run.fail(CheckName.SOD_SIGNATURE, ChipFailure.ALGORITHM_NOT_ALLOWED);
            return;
        }
        if (!signature.verified()) {
            run.fail(CheckName.SOD_SIGNATURE, ChipFailure.SOD_SIGNATURE_INVALID);
            return;
        }
        run.pass();
        X509Certificate documentSigner = signature.documentSigner().orElseThrow();

        run.at(CheckName.DOCUMENT_SIGNER_TRUST);
        switch (signerValidator.validate(documentSigner)) {
            case TRUSTED:
                run.pass();
                break;
            case REVOKED:
                run.fail(CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_REVOKED);
                return;
            case CRL_STALE:
                run.fail(CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.CSCA_CRL_STALE);
                return;
            default:
                run.fail(CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_NOT_TRUSTED);
                return;
        }

        run.at(CheckName.DATA_GROUP_HASHES);
        if (!DataGroupHashes.match(files.securityObject(), files.dataGroups())) {
            run.fail(CheckName.DATA_GROUP_HASHES, ChipFailure.DG_HASH_MISMATCH);
            return;
        }
        run.pass();

        LdsContent content;
        try {
            run.at(CheckName.DATA_GROUP_CONTENT);
            content = reader.readContent(files);
            run.pass();
        } catch (MalformedLdsException e) {
            run.fail(CheckName.DATA_GROUP_CONTENT, ChipFailure.MALFORMED_LDS);
            return;
        }
        ChipIdentity identity = content.identity();
        run.identify(identity);

        run.at(CheckName.ACTIVE_AUTHENTICATION);
        if (content.activeAuthKey().isEmpty()) {
            if (policy.requireActiveAuthentication()) {
                run.fail(CheckName.ACTIVE_AUTHENTICATION, ChipFailure.AA_UNSUPPORTED);
                return;
            }
            run.skip(CheckName.ACTIVE_AUTHENTICATION, ChipFailure.AA_UNSUPPORTED);
        } else if (ActiveAuthentication.verify(content.activeAuthKey().get(), content.activeAuthAlgorithm(),
                challenge, files.activeAuthSignature())) {
            run.pass();
        } else {
            run.fail(CheckName.ACTIVE_AUTHENTICATION, ChipFailure.AA_FAILED);
            return;
        }

        if (!Consistency.vietnameseIdCard(content)) {
            run.fail(CheckName.CHIP_CONSISTENCY, ChipFailure.DOCUMENT_NOT_CCCD);
            return;
        }
        if (!run.check(CheckName.CHIP_CONSISTENCY, Consistency.chipAgrees(content), ChipFailure.PERSON_MISMATCH)) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        if (!run.check(CheckName.CARD_VALIDITY, !Consistency.expired(identity, today), ChipFailure.CARD_EXPIRED)) {
            return;
        }

        run.at(CheckName.DOCUMENT_STATUS);
        DocumentStatus.Status status;
        try {
            status = documentStatus.status(identity, documentSigner);
        } catch (RuntimeException e) {
            run.fail(CheckName.DOCUMENT_STATUS, ChipFailure.REGISTRY_UNAVAILABLE);
            return;
        }
        if (status == null || status == DocumentStatus.Status.UNKNOWN) {
            if (policy.requireDocumentStatus()) {
                run.fail(CheckName.DOCUMENT_STATUS, ChipFailure.CARD_STATUS_UNKNOWN);
                return;
            }
            run.skip(CheckName.DOCUMENT_STATUS, ChipFailure.CARD_STATUS_UNKNOWN);
        } else if (!run.check(CheckName.DOCUMENT_STATUS, status == DocumentStatus.Status.VALID, ChipFailure.CARD_REVOKED)) {
            return;
        }

        run.at(CheckName.REGISTRY_MATCH);
        Optional<RegistryPerson> person;
        try {
            person = Objects.requireNonNull(registry.find(identity.idNumber()), "a lookup answers empty, not null");
        } catch (RuntimeException e) {
            run.fail(CheckName.REGISTRY_MATCH, ChipFailure.REGISTRY_UNAVAILABLE);
            return;
        }
        if (person.isEmpty() && !personRequired) {
            run.skip(CheckName.REGISTRY_MATCH, null);
            run.skip(CheckName.CITIZEN_STATUS, null);
            return;
        }
        if (!run.check(CheckName.REGISTRY_MATCH,
                person.isPresent() && Consistency.registryAgrees(identity, person.get()), ChipFailure.PERSON_MISMATCH)) {
            return;
        }
        run.check(CheckName.CITIZEN_STATUS, person.get().mayAuthenticate(), ChipFailure.CITIZEN_NOT_ALIVE);
    }

    /**
     * DG1 and DG13 always; DG14 and DG15 whenever the SOD lists them. Leaving DG15 out of a chip that has
     * one must not turn a failed Active Authentication into {@code aa_unsupported}.
     */
    private static Set<Integer> required(LdsFiles files) {
        Set<Integer> required = new TreeSet<>(Set.of(1, 13));
        for (int optional : new int[] {14, 15}) {
            if (files.securityObject().getDataGroupHashes().containsKey(optional)) {
                required.add(optional);
            }
        }
        return required;
    }

    /** The checks so far; after a failure, every check not run is reported skipped. */
    private static final class Run {
        private final List<Check> checks = new ArrayList<>();
        private final EnumSet<CheckName> done = EnumSet.noneOf(CheckName.class);
        private CheckName current = CheckName.LDS_STRUCTURE;
        private ChipIdentity identity;

        void at(CheckName name) {
            current = name;
        }

        /**
         * Ends the run with {@code malformed_lds} on the check under way, or, if that one already has its
         * result, on the next one: an unforeseen fault must never leave a verdict that looks valid.
         */
        void abort() {
            for (CheckName name : CheckName.values()) {
                if (name.ordinal() >= current.ordinal() && !done.contains(name)) {
                    fail(name, ChipFailure.MALFORMED_LDS);
                    return;
                }
            }
            checks.set(checks.size() - 1, Check.failed(checks.get(checks.size() - 1).name(), ChipFailure.MALFORMED_LDS));
        }

        void pass() {
            add(Check.passed(current));
        }

        void fail(CheckName name, ChipFailure failure) {
            add(Check.failed(name, failure));
        }

        void skip(CheckName name, ChipFailure why) {
            add(Check.skipped(name, why));
        }

        boolean check(CheckName name, boolean passed, ChipFailure failure) {
            current = name;
            add(passed ? Check.passed(name) : Check.failed(name, failure));
            return passed;
        }

        void identify(ChipIdentity identity) {
            this.identity = identity;
        }

        private void add(Check check) {
            if (done.add(check.name())) {
                checks.add(check);
            }
        }

        /**
         * Valid only when every check ran and passed, or was skipped on purpose (the policy let it go): a
         * path that ends early without a failure is a fault of this class, and must not look valid.
         */
        Verdict verdict() {
            boolean failed = checks.stream().anyMatch(c -> c.result() == Check.Result.FAILED);
            if (!failed) {
                for (CheckName name : CheckName.values()) {
                    if (!done.contains(name)) {
                        fail(name, ChipFailure.MALFORMED_LDS);
                        failed = true;
                        break;
                    }
                }
            }
            List<Check> all = new ArrayList<>(checks);
            for (CheckName name : CheckName.values()) {
                if (!done.contains(name)) {
                    all.add(Check.skipped(name));
                }
            }
            return new Verdict(!failed, all, Optional.ofNullable(identity));
        }
    }
}
