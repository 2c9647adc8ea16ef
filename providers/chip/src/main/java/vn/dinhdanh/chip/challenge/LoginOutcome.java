package vn.dinhdanh.chip.challenge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the verification of a login challenge ended, kept for the waiting browser login: the verified
 * citizen's number and the card the chip was (number and issue day, as {@code LoginNotes.card} spells it;
 * null when the chip gives no issue day) when valid, else the failure code. Held in Keycloak's single-use
 * store, never logged.
 */
public record LoginOutcome(boolean valid, String idNumber, String card, boolean chipAuthenticated, String failureCode) {

    public static LoginOutcome valid(String idNumber, String card, boolean chipAuthenticated) {
        return new LoginOutcome(true, idNumber, card, chipAuthenticated, null);
    }

    public static LoginOutcome invalid(String failureCode) {
        return new LoginOutcome(false, null, null, false, failureCode);
    }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("valid", String.valueOf(valid));
        notes.put("chipAuthenticated", String.valueOf(chipAuthenticated));
        if (idNumber != null) {
            notes.put("idNumber", idNumber);
        }
        if (card != null) {
            notes.put("card", card);
        }
        if (failureCode != null) {
            notes.put("failure", failureCode);
        }
        return notes;
    }

    static Optional<LoginOutcome> fromNotes(Map<String, String> notes) {
        if (notes == null || !notes.containsKey("valid")) {
            return Optional.empty();
        }
        return Optional.of(new LoginOutcome(Boolean.parseBoolean(notes.get("valid")), notes.get("idNumber"), notes.get("card"),
                Boolean.parseBoolean(notes.get("chipAuthenticated")), notes.get("failure")));
    }

    @Override
    public String toString() {
        return "LoginOutcome[" + (valid ? "valid" : failureCode) + "]";
    }
}
