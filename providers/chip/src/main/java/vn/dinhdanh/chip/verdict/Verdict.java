package vn.dinhdanh.chip.verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.dinhdanh.chip.lds.ChipIdentity;

/**
 * The outcome of verifying one chip presentation: valid only when no check failed. The identity is
 * present once passive authentication passed (the data are genuine), even when a later check failed, so
 * the caller can audit who it refused; it is absent when the data could be forged.
 *
 * <p>{@link #chipAuthenticated()} tells a genuine chip from genuine data: only then is the card a
 * possession factor. A valid verdict without it (AA unsupported, allowed by policy) is passive only.
 */
public record Verdict(boolean valid, List<Check> checks, Optional<ChipIdentity> identity) {

    public Verdict {
        checks = List.copyOf(checks);
        Objects.requireNonNull(identity, "identity");
        boolean anyFailed = checks.stream().anyMatch(c -> c.result() == Check.Result.FAILED);
        if (valid == anyFailed) {
            throw new IllegalArgumentException("valid exactly when no check failed");
        }
    }

    /** The first failure, if any: the reason to report. */
    public Optional<ChipFailure> failure() {
        return checks.stream().filter(c -> c.result() == Check.Result.FAILED).findFirst().map(Check::failure);
    }

    /** Active Authentication passed: the chip itself answered, not a copy of its files. */
    public boolean chipAuthenticated() {
        return result(CheckName.ACTIVE_AUTHENTICATION).filter(r -> r == Check.Result.PASSED).isPresent();
    }

    public Optional<Check.Result> result(CheckName name) {
        return checks.stream().filter(c -> c.name() == name).findFirst().map(Check::result);
    }

    public Optional<Check> check(CheckName name) {
        return checks.stream().filter(c -> c.name() == name).findFirst();
    }

    @Override
    public String toString() {
        return "Verdict[" + (valid ? "valid" : "invalid") + ", " + checks + "]";
    }
}
