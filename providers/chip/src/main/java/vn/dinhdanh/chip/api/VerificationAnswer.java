package vn.dinhdanh.chip.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.UserModel;
import vn.dinhdanh.chip.lds.ChipIdentity;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.population.storage.CitizenAttributes;

/**
 * The JSON answer of a verification (README "CCCD chip card" has an example):
 * {@code verdict}, {@code failure} (the first failed check's code), {@code chipAuthenticated}, every
 * {@code check} in order, and for eKYC callers only, the registry-matched {@code person}.
 */
final class VerificationAnswer {

    private VerificationAnswer() {
    }

    static Map<String, Object> of(Verdict verdict) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("verdict", verdict.valid() ? "valid" : "invalid");
        verdict.failure().ifPresent(failure -> answer.put("failure", failure.code()));
        answer.put("chipAuthenticated", verdict.valid() && verdict.chipAuthenticated());
        List<Map<String, String>> checks = new ArrayList<>();
        for (Check check : verdict.checks()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", check.name().code());
            entry.put("result", check.result().name().toLowerCase(java.util.Locale.ROOT));
            check.code().ifPresent(code -> entry.put("code", code.code()));
            checks.add(entry);
        }
        answer.put("checks", checks);
        return answer;
    }

    /**
     * The person, for a valid verdict only: the registry's current values (the citizen matched the card),
     * the card as the chip and the registry describe it, and the chip's portrait for a face comparison.
     */
    static Map<String, Object> person(ChipIdentity chip, UserModel citizen) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("idNumber", citizen.getFirstAttribute(CitizenAttributes.ID_NUMBER));
        person.put("fullName", citizen.getFirstAttribute(CitizenAttributes.FULL_NAME));
        person.put("birthdate", citizen.getFirstAttribute(CitizenAttributes.BIRTHDATE));
        person.put("gender", citizen.getFirstAttribute(CitizenAttributes.GENDER));
        person.put("nationality", citizen.getFirstAttribute(CitizenAttributes.NATIONALITY));
        person.put("ethnicity", citizen.getFirstAttribute(CitizenAttributes.ETHNICITY));
        person.put("religion", citizen.getFirstAttribute(CitizenAttributes.RELIGION));
        person.put("placeOfOrigin", citizen.getFirstAttribute(CitizenAttributes.PLACE_OF_ORIGIN));
        person.put("placeOfResidence", citizen.getFirstAttribute(CitizenAttributes.PLACE_OF_RESIDENCE));
        person.put("eidLevel", citizen.getFirstAttribute(CitizenAttributes.EID_LEVEL));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("number", chip.idNumber());
        card.put("documentNumber", chip.documentNumber());
        card.put("issueDate", chip.issueDate() == null ? null : chip.issueDate().toString());
        card.put("expiryDate", chip.expiryDate() == null ? null : chip.expiryDate().toString());
        card.put("status", citizen.getFirstAttribute(CitizenAttributes.CARD_STATUS));
        person.put("card", card);
        chip.faceImage().ifPresent(face -> {
            Map<String, String> portrait = new LinkedHashMap<>();
            portrait.put("mimeType", face.mimeType());
            portrait.put("data", Base64.getEncoder().encodeToString(face.bytes()));
            person.put("portrait", portrait);
        });
        return person;
    }
}
