package vn.dinhdanh.chip.verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * One check of a verification and how it ended. {@code failure} is set for {@link Result#FAILED}, and for a
 * {@link Result#SKIPPED} check whose skipping the caller must weigh ({@link ChipFailure#AA_UNSUPPORTED}).
 */
public record Check(CheckName name, Result result, ChipFailure failure) {

    public enum Result { PASSED, FAILED, SKIPPED }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        if (result == Result.FAILED && failure == null) {
            throw new IllegalArgumentException("a failed check has a code");
        }
        if (result == Result.PASSED && failure != null) {
            throw new IllegalArgumentException("a passed check has no code");
        }
    }

    public static Check passed(CheckName name) {
        return new Check(name, Result.PASSED, null);
    }

    public static Check failed(CheckName name, ChipFailure failure) {
        return new Check(name, Result.FAILED, Objects.requireNonNull(failure, "failure"));
    }

    public static Check skipped(CheckName name) {
        return new Check(name, Result.SKIPPED, null);
    }

    public static Check skipped(CheckName name, ChipFailure why) {
        return new Check(name, Result.SKIPPED, why);
    }

    public Optional<ChipFailure> code() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return name.code() + "=" + result.name().toLowerCase(java.util.Locale.ROOT)
                + (failure == null ? "" : "(" + failure.code() + ")");
    }
}
