package vn.dinhdanh.chip.consistency;

import java.util.Optional;

/**
 * The registry's citizen under a card's 12-digit number, asked only once passive authentication has
 * shown the number is the card's own (so a forged file never makes the caller query the registry).
 */
@FunctionalInterface
public interface PersonLookup {

    /** Empty when the registry holds nobody under {@code idNumber}: the card then matches no citizen. */
    Optional<RegistryPerson> find(String idNumber);
}
