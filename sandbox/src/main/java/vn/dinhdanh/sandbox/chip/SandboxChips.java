package vn.dinhdanh.sandbox.chip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Sex;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * Virtual chip cards of registry citizens, signed by the sandbox's PKI, and the verification request a
 * reader app would send for one: what {@code ./dinhdanh chip read} prints and the integration tests post.
 */
public final class SandboxChips {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxChips() {
    }

    /** The card the registry says the citizen holds (the newest one). */
    public static CardHolder holder(CitizenRecord record) {
        CitizenRecord.Card card = record.card();
        if (card == null) {
            throw new SandboxException("the registry has no card for this citizen: no chip to read");
        }
        // A card without expiry (issued at 58 or older) is a null expiry: the virtual chip writes it as such cards do.
        return new CardHolder(record.idNumber().value(), record.fullName(), record.birthDate(),
                record.sex() == vn.dinhdanh.population.idnumber.Sex.FEMALE ? Sex.FEMALE : Sex.MALE,
                record.nationality(), record.ethnicity(), record.religion(), record.placeOfOrigin(),
                record.placeOfResidence(), card.issueDate(), card.expiryDate());
    }

    public static VirtualChip chip(TestPki pki, CardHolder holder, Variant variant, ActiveAuthKey activeAuth) {
        return VirtualChip.builder(pki, holder).variant(variant).activeAuth(activeAuth).build();
    }

    /**
     * The nonce as a challenge carries it: standard base64 in the JSON answer of {@code POST .../challenges},
     * unpadded base64url in the login page's link ({@code vneid://chip-login?...&nonce=}). Both alphabets are
     * accepted (they differ only in {@code +/} against {@code -_}, and neither decodes to another value).
     */
    public static byte[] nonce(String text) {
        String value = text.strip();
        if (!value.matches("[A-Za-z0-9+/_-]+={0,2}") || (value.matches(".*[+/].*") && value.matches(".*[_-].*"))) {
            throw new SandboxException("--challenge: the nonce is neither base64 nor base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new SandboxException("--challenge: the nonce is neither base64 nor base64url");
        }
    }

    /** The body of {@code POST /chip/verifications}: the chip's files and its answer to {@code nonce}. */
    public static ObjectNode verificationRequest(VirtualChip chip, String challengeId, byte[] nonce) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode body = JSON.createObjectNode();
        body.put("challengeId", challengeId);
        ObjectNode files = body.putObject("files");
        files.put("SOD", base64.encodeToString(chip.sod()));
        for (Map.Entry<Integer, byte[]> group : chip.dataGroups().entrySet()) {
            files.put("DG" + group.getKey(), base64.encodeToString(group.getValue()));
        }
        if (chip.activeAuthKey() != ActiveAuthKey.NONE) {
            body.putObject("activeAuthentication").put("signature", base64.encodeToString(chip.signChallenge(nonce)));
        }
        return body;
    }
}
