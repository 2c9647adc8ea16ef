package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.ChipReader.Answer;
import vn.dinhdanh.it.support.ChipReader.Challenge;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * The chip API ({@code /realms/dinhdanh/chip}) on the real server: virtual cards of registry citizens,
 * signed by the sandbox's test CSCA (the only one this server trusts), read as a bank's app would.
 */
@ExtendWith(DinhdanhServerExtension.class)
class ChipVerificationIT {

    /** An alive citizen with an active card that expires. */
    static final String HOLDER = "c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active' AND k.expiry_date > now() + interval '1 year'";

    private ServerUnderTest server;
    private Registry registry;
    private ChipReader reader;
    /** Numbers and names used here: none may reach the server log. */
    private static final List<String> PERSONAL = new ArrayList<>();

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.reader = new ChipReader(server);
    }

    private CardHolder pickHolder(String condition) {
        CardHolder holder = reader.holder(registry.pick(condition));
        PERSONAL.add(holder.idNumber());
        PERSONAL.add(holder.fullName());
        return holder;
    }

    /** The citizen's genuine card, as the registry says they hold it, read with a fresh challenge. */
    private Answer readGenuine(CardHolder holder) {
        return read(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256));
    }

    private Answer read(VirtualChip chip) {
        Challenge challenge = reader.challenge();
        return reader.verify(reader.request(chip, challenge));
    }

    @Test
    @DisplayName("a genuine card: valid, every check passed, the chip authenticated, no personal data for an anonymous caller")
    void genuine() {
        CardHolder holder = pickHolder(HOLDER);
        Answer answer = read(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("verdict").asText()).isEqualTo("valid");
        assertThat(answer.body().get("chipAuthenticated").asBoolean()).isTrue();
        assertThat(answer.body().get("checks")).hasSize(12).allSatisfy(check ->
                assertThat(check.get("result").asText()).as(check.toString()).isEqualTo("passed"));
        assertThat(answer.body().has("person")).isFalse();
        assertThat(answer.body().toString()).doesNotContain(holder.idNumber());
    }

    @Test
    @DisplayName("EC keys, plain and DER answers, verify as well as RSA")
    void ecKeys() {
        CardHolder holder = pickHolder(HOLDER);
        for (ActiveAuthKey key : List.of(ActiveAuthKey.EC_P256_PLAIN, ActiveAuthKey.EC_P256_DER, ActiveAuthKey.RSA_SHA1)) {
            assertThat(read(reader.chip(holder, Variant.GENUINE, key)).body().get("verdict").asText()).as(key.name()).isEqualTo("valid");
        }
    }

    @Test
    @DisplayName("a Brainpool card (CSCA, Document Signer and AA key on brainpoolP256r1): valid, chip authenticated; its defects refused")
    void brainpool() {
        CardHolder holder = pickHolder(HOLDER);
        Answer answer = read(reader.brainpoolChip(holder, Variant.GENUINE));
        assertThat(answer.body().get("verdict").asText()).as(answer.body().toString()).isEqualTo("valid");
        assertThat(answer.body().get("chipAuthenticated").asBoolean()).isTrue();
        assertThat(read(reader.brainpoolChip(holder, Variant.SOD_SIGNATURE_CORRUPTED)).body().get("failure").asText())
                .isEqualTo("sod_signature_invalid");
        assertThat(read(reader.brainpoolChip(holder, Variant.DS_REVOKED)).body().get("failure").asText()).isEqualTo("ds_revoked");
        assertThat(read(reader.brainpoolChip(holder, Variant.WRONG_AA_KEY)).body().get("failure").asText()).isEqualTo("aa_failed");
    }

    @Test
    @DisplayName("a card without expiry (issued at 58 or older): valid")
    void withoutExpiry() {
        CardHolder holder = pickHolder("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active' AND k.expiry_date IS NULL");
        assertThat(holder.cardExpiryDate()).isNull();
        Answer answer = readGenuine(holder);
        assertThat(answer.body().get("verdict").asText()).as(answer.body().toString()).isEqualTo("valid");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"SOD_WITHOUT_SIGNED_ATTRIBUTES, sod_signature_invalid", "SOD_DUPLICATE_DATA_GROUP, malformed_lds",
            "SOD_SHA1, algorithm_not_allowed"})
    @DisplayName("the SOD's rules: signed attributes, each data group once, no SHA-1")
    void sodRules(Variant variant, String failure) {
        CardHolder holder = pickHolder(HOLDER);
        assertThat(read(reader.chip(holder, variant, ActiveAuthKey.RSA_SHA256)).body().get("failure").asText()).isEqualTo(failure);
    }

    @Nested
    @DisplayName("a bank (eKYC)")
    class Ekyc {

        @Test
        @DisplayName("with the ekyc role gets the registry-matched person and the chip's portrait")
        void person() {
            CardHolder holder = pickHolder(HOLDER);
            Challenge challenge = reader.challenge();
            Answer answer = reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), challenge)
                    .toString(), "application/json", reader.bankToken());
            assertThat(answer.status()).isEqualTo(200);
            JsonNode person = answer.body().get("person");
            assertThat(person.get("idNumber").asText()).isEqualTo(holder.idNumber());
            assertThat(person.get("fullName").asText()).isEqualTo(
                    registry.text("SELECT full_name FROM citizen WHERE id_number = ?", holder.idNumber()));
            assertThat(person.get("birthdate").asText()).isEqualTo(holder.dateOfBirth().toString());
            assertThat(person.get("placeOfResidence").asText()).isEqualTo(holder.placeOfResidence());
            assertThat(person.at("/card/status").asText()).isEqualTo("active");
            assertThat(person.at("/card/expiryDate").asText()).isEqualTo(holder.cardExpiryDate().toString());
            assertThat(person.at("/portrait/mimeType").asText()).isEqualTo("image/jpeg");
            assertThat(Base64.getDecoder().decode(person.at("/portrait/data").asText())).startsWith(0xFF, 0xD8);
        }

        @Test
        @DisplayName("gets no person for an invalid card")
        void noPersonWhenInvalid() {
            CardHolder holder = pickHolder(HOLDER);
            Challenge challenge = reader.challenge();
            Answer answer = reader.verify(reader.request(reader.chip(holder, Variant.WRONG_AA_KEY, ActiveAuthKey.RSA_SHA256), challenge)
                    .toString(), "application/json", reader.bankToken());
            assertThat(answer.body().get("failure").asText()).isEqualTo("aa_failed");
            assertThat(answer.body().has("person")).isFalse();
        }

        @Test
        @DisplayName("a service account without the ekyc role: 403 insufficient_role")
        void withoutRole() {
            String clientId = "no-ekyc-" + java.util.UUID.randomUUID();
            String secret = vn.dinhdanh.sandbox.SandboxSecrets.random();
            ObjectNode client = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("clientId", clientId).put("enabled", true).put("publicClient", false).put("secret", secret)
                    .put("standardFlowEnabled", false).put("serviceAccountsEnabled", true);
            server.admin().post("/admin/realms/dinhdanh/clients", client, Duration.ofSeconds(30));
            Challenge challenge = reader.challenge();
            Answer answer = reader.verify("{}", "application/json", reader.token(clientId, secret));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body().get("error").asText()).isEqualTo("insufficient_role");
            assertThat(reader.state(challenge.id()).body().get("state").asText()).isEqualTo("pending");
        }

        @Test
        @DisplayName("a bad bearer token: 401 invalid_token, before the body is read")
        void badToken() {
            Challenge challenge = reader.challenge();
            Answer answer = reader.verify("{}", "application/json", "not-a-token");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().get("error").asText()).isEqualTo("invalid_token");
            assertThat(reader.state(challenge.id()).body().get("state").asText()).isEqualTo("pending");
        }
    }

    @ParameterizedTest(name = "{0} → {2}")
    @DisplayName("each forged, damaged or unusable card fails with its code, on the check that caught it")
    @CsvSource({
        "SOD_SIGNATURE_CORRUPTED, RSA_SHA256, sod_signature_invalid, sod_signature",
        "UNKNOWN_CSCA, RSA_SHA256, ds_not_trusted, document_signer_trust",
        "DS_REVOKED, RSA_SHA256, ds_revoked, document_signer_trust",
        "TAMPERED_DG1, RSA_SHA256, dg_hash_mismatch, data_group_hashes",
        "TAMPERED_DG13, RSA_SHA256, dg_hash_mismatch, data_group_hashes",
        "UNLISTED_DATA_GROUP, RSA_SHA256, dg_hash_mismatch, data_group_hashes",
        "MISSING_DG1, RSA_SHA256, dg_missing, required_data_groups",
        "WRONG_AA_KEY, EC_P256_PLAIN, aa_failed, active_authentication",
        "DOCUMENT_NUMBER_MISMATCH, RSA_SHA256, person_mismatch, chip_consistency",
        "FOREIGN_DOCUMENT, RSA_SHA256, document_not_cccd, chip_consistency",
        "EXPIRED, RSA_SHA256, card_expired, card_validity"})
    void failures(Variant variant, ActiveAuthKey key, String code, String check) {
        CardHolder holder = pickHolder(HOLDER);
        Answer answer = read(reader.chip(holder, variant, key));
        assertRefused(answer, code, check);
    }

    @Test
    @DisplayName("a card without Active Authentication, where the server accepts it: valid, passive only, the skip named")
    void passiveOnly() {
        CardHolder holder = pickHolder(HOLDER);
        Answer answer = read(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.NONE));
        assertThat(answer.body().get("verdict").asText()).isEqualTo("valid");
        assertThat(answer.body().get("chipAuthenticated").asBoolean()).isFalse();
        JsonNode aa = null;
        for (JsonNode c : answer.body().get("checks")) {
            if (c.get("name").asText().equals("active_authentication")) {
                aa = c;
            }
        }
        assertThat(aa.get("result").asText()).isEqualTo("skipped");
        assertThat(aa.get("code").asText()).isEqualTo("aa_unsupported");
    }

    private static void assertRefused(Answer answer, String code, String check) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("verdict").asText()).isEqualTo("invalid");
        assertThat(answer.body().get("failure").asText()).isEqualTo(code);
        assertThat(answer.body().get("chipAuthenticated").asBoolean()).isFalse();
        JsonNode failed = null;
        for (JsonNode c : answer.body().get("checks")) {
            if (c.get("result").asText().equals("failed")) {
                failed = c;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("name").asText()).isEqualTo(check);
        assertThat(failed.get("code").asText()).isEqualTo(code);
    }

    @Nested
    @DisplayName("the registry decides")
    class RegistryStatus {

        @Test
        @DisplayName("a card the registry knows as revoked: card_revoked")
        void revoked() {
            CardHolder holder = pickHolder(HOLDER);
            registry.update(holder.idNumber(), "UPDATE card SET status = 'revoked' WHERE id_number = ? AND status = 'active'");
            assertRefused(readGenuine(holder), "card_revoked", "document_status");
        }

        @Test
        @DisplayName("an older card than the registry's newest: card_revoked (replaced)")
        void replaced() {
            CardHolder holder = pickHolder(HOLDER);
            CardHolder older = holder.withCardIssueDate(holder.cardIssueDate().minusYears(3));
            assertRefused(readGenuine(older), "card_revoked", "document_status");
        }

        @Test
        @DisplayName("a card newer than any the registry has heard of: card_status_unknown")
        void unknownCard() {
            CardHolder holder = pickHolder(HOLDER);
            CardHolder newer = holder.withCardIssueDate(holder.cardIssueDate().plusDays(1));
            assertRefused(readGenuine(newer), "card_status_unknown", "document_status");
        }

        @Test
        @DisplayName("a genuine card whose name the registry spells otherwise: person_mismatch")
        void otherName() {
            CardHolder holder = pickHolder(HOLDER);
            registry.update(holder.idNumber(), "UPDATE citizen SET full_name = full_name || ' Anh' WHERE id_number = ?");
            assertRefused(readGenuine(holder), "person_mismatch", "registry_match");
        }

        @Test
        @DisplayName("a deceased citizen's genuine, active card: citizen_not_alive")
        void deceased() {
            CardHolder holder = pickHolder(HOLDER);
            registry.update(holder.idNumber(), "UPDATE citizen SET life_status = 'deceased' WHERE id_number = ?");
            assertRefused(readGenuine(holder), "citizen_not_alive", "citizen_status");
        }

        @Test
        @DisplayName("a registry that cannot be read: 503 with registry_unavailable")
        void unavailable() {
            CardHolder holder = pickHolder(HOLDER);
            registry.update(holder.idNumber(), "REVOKE SELECT ON citizen FROM dinhdanh_reader");
            try {
                Answer answer = readGenuine(holder);
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.body().get("failure").asText()).isEqualTo("registry_unavailable");
            } finally {
                registry.update(holder.idNumber(), "GRANT SELECT ON citizen TO dinhdanh_reader");
            }
        }
    }

    @Nested
    @DisplayName("challenges")
    class Challenges {

        @Test
        @DisplayName("replayed: the second answer is challenge_reused, even with the very same body")
        void replay() {
            CardHolder holder = pickHolder(HOLDER);
            ObjectNode body = reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), reader.challenge());
            assertThat(reader.verify(body).body().get("verdict").asText()).isEqualTo("valid");
            Answer again = reader.verify(body);
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.body().get("error").asText()).isEqualTo("challenge_reused");
        }

        @Test
        @DisplayName("an answer to another challenge's nonce fails aa_failed: the signature is bound to the challenge")
        void otherNonce() {
            CardHolder holder = pickHolder(HOLDER);
            Challenge first = reader.challenge();
            Challenge second = reader.challenge();
            ObjectNode body = reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), first);
            body.put("challengeId", second.id());
            assertRefused(reader.verify(body), "aa_failed", "active_authentication");
        }

        @Test
        @DisplayName("never issued: challenge_unknown")
        void unknown() {
            CardHolder holder = pickHolder(HOLDER);
            Challenge forged = new Challenge("AAAAAAAAAAAAAAAAAAAAAA", new byte[8]);
            Answer answer = reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), forged));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("error").asText()).isEqualTo("challenge_unknown");
            assertThat(reader.state("AAAAAAAAAAAAAAAAAAAAAA").body().get("state").asText()).isEqualTo("unknown");
        }

        @Test
        @DisplayName("answered after its lifetime: challenge_expired")
        void expired() throws InterruptedException {
            CardHolder holder = pickHolder(HOLDER);
            Challenge challenge = reader.challenge();
            ObjectNode body = reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), challenge);
            Thread.sleep(Duration.ofSeconds(31).toMillis()); // the IT server's lifetime is 30 s
            assertThat(reader.state(challenge.id()).body().get("state").asText()).isEqualTo("expired");
            Answer answer = reader.verify(body);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("error").asText()).isEqualTo("challenge_expired");
        }
    }

    @Nested
    @DisplayName("bad requests get a JSON error, and leave the challenge usable")
    class BadRequests {

        private void assertError(Answer answer, int status, String code) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
            assertThat(answer.body().get("error").asText()).isEqualTo(code);
            assertThat(answer.body().get("error_description").asText()).isNotBlank();
        }

        @Test
        @DisplayName("malformed JSON, wrong fields, bad base64, another media type, an oversized body")
        void refused() {
            CardHolder holder = pickHolder(HOLDER);
            Challenge challenge = reader.challenge();
            ObjectNode good = reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), challenge);

            assertError(reader.verify("{\"challengeId\": ", "application/json", null), 400, "malformed_json");
            assertError(reader.verify("[1, 2]", "application/json", null), 400, "malformed_json");
            assertError(reader.verify(good.toString(), "text/plain", null), 415, "unsupported_media_type");
            ObjectNode oddId = good.deepCopy();
            oddId.put("challengeId", "x\ninjected log line");
            assertError(reader.verify(oddId), 400, "invalid_request");
            ObjectNode unknownField = good.deepCopy();
            unknownField.put("admin", true);
            assertError(reader.verify(unknownField), 400, "invalid_request");
            ObjectNode badBase64 = good.deepCopy();
            ((ObjectNode) badBase64.get("files")).put("DG1", "not base64!");
            assertError(reader.verify(badBase64), 400, "invalid_request");
            ObjectNode badName = good.deepCopy();
            ((ObjectNode) badName.get("files")).put("DG17", "AAAA");
            assertError(reader.verify(badName), 400, "invalid_request");
            ObjectNode noChallenge = good.deepCopy();
            noChallenge.remove("challengeId");
            assertError(reader.verify(noChallenge), 400, "invalid_request");
            ObjectNode huge = good.deepCopy();
            ((ObjectNode) huge.get("files")).put("DG2", Base64.getEncoder().encodeToString(new byte[600 * 1024]));
            assertError(reader.verify(huge), 413, "request_too_large");

            // None of these consumed the challenge: the reader sends the right body and succeeds.
            assertThat(reader.verify(good).body().get("verdict").asText()).isEqualTo("valid");
        }

        @Test
        @DisplayName("files that are not LDS structures: malformed_lds, on lds_structure")
        void malformedFiles() {
            CardHolder holder = pickHolder(HOLDER);
            Challenge challenge = reader.challenge();
            ObjectNode body = reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), challenge);
            ((ObjectNode) body.get("files")).put("SOD", Base64.getEncoder().encodeToString("not an SOD".getBytes()));
            assertRefused(reader.verify(body), "malformed_lds", "lds_structure");
        }
    }

    @Test
    @DisplayName("the server log names challenges and codes, never a citizen's number or name")
    void noPersonalDataInLog() {
        CardHolder holder = pickHolder(HOLDER);
        readGenuine(holder);
        read(reader.chip(holder, Variant.WRONG_AA_KEY, ActiveAuthKey.RSA_SHA256));
        String log = server.log();
        assertThat(log).contains("chip verification: challenge");
        for (String personal : PERSONAL) {
            assertThat(log).as("the log mentions personal data").doesNotContain(personal);
        }
    }
}
