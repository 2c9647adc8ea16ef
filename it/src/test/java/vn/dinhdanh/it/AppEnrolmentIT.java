package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.OldOptionName;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/**
 * Enrolling a VNeID app's device key on the real server: a one-time code from an
 * administrator, the key's packed attestation verified with webauthn4j, a {@code vneid-device} credential
 * of the federated citizen. The phone is the sandbox's ({@code ./dinhdanh app enroll} runs the same code).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(DinhdanhServerExtension.class)
class AppEnrolmentIT {


    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
    }

    private JsonNode credentials(String number) {
        return server.admin().get("/admin/realms/dinhdanh/users/f:population-registry:" + number + "/credentials");
    }

    @Test
    @DisplayName("a code from an administrator, the key's attestation: the citizen has a vneid-device credential with that key")
    void enrols() {
        String number = registry.pick(Registry.ALIVE);
        SandboxPhone phone = SandboxPhone.create();
        JsonNode device = app.enrol(phone, number, app.enrolmentCode(server.admin(), number), "Điện thoại của An");
        assertThat(device.path("credentialId").asText()).isEqualTo(phone.credentialId());

        JsonNode stored = credentials(number);
        assertThat(stored).anySatisfy(credential -> {
            assertThat(credential.path("type").asText()).isEqualTo("vneid-device");
            assertThat(credential.path("userLabel").asText()).isEqualTo("Điện thoại của An");
            assertThat(credential.path("credentialData").asText()).contains(phone.credentialId());
        });
    }

    @Test
    @DisplayName("an app option set under its old name still works, and each start warns once, naming the new key")
    void oldOptionName() {
        String number = registry.pick(Registry.ALIVE);
        java.time.Instant before = java.time.Instant.now();
        JsonNode answer = server.admin().post("/admin/realms/dinhdanh/vneid-enrolment-codes",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("idNumber", number),
                Duration.ofSeconds(30));
        java.time.Instant expires = java.time.Instant.parse(answer.path("expiresAt").asText());
        assertThat(expires).as("a code lives as long as the old name says, not the default 900 s")
                .isBetween(before.plusSeconds(OldOptionName.CODE_LIFETIME_SECONDS - 5),
                        java.time.Instant.now().plusSeconds(OldOptionName.CODE_LIFETIME_SECONDS + 5));

        String log = server.log();
        List<String> warnings = log.lines().filter(line -> line.contains(OldOptionName.OPTION)).toList();
        long starts = log.lines().filter(line -> line.contains(" started in ")).count();
        assertThat(warnings).as("one warning per start").hasSize((int) Math.max(1, starts));
        assertThat(warnings).allSatisfy(line -> assertThat(line).contains("WARN").contains(OldOptionName.NEW_OPTION));
        assertThat(log).as("options under their new names are not warned about")
                .doesNotContain("spi-realm-restapi-extension--app--push-lifetime");
    }

    @Test
    @DisplayName("a code serves once, for its citizen only")
    void codeSingleUse() {
        String number = registry.pick(Registry.ALIVE);
        String code = app.enrolmentCode(server.admin(), number);
        String other = registry.pick(Registry.ALIVE);
        assertThat(app.redeem(other, code).body().path("error").asText()).as("another citizen's code").isEqualTo("code_invalid");
        assertThat(app.redeem(number, code).status()).isEqualTo(201);
        AppClient.Answer again = app.redeem(number, code);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("error").asText()).isEqualTo("code_invalid");
        assertThat(app.redeem(number, "' OR 1=1 --").body().path("error").asText()).isEqualTo("code_invalid");

    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the loopback source's budget of wrong codes is spent for 15 minutes
    @DisplayName("wrong codes from anyone never lock the citizen out: past the budget they get too_many_attempts, the real code still enrols")
    void lockoutNotAbusable() {
        String guessed = registry.pick(Registry.ALIVE);
        String real = app.enrolmentCode(server.admin(), guessed);
        List<String> answers = new ArrayList<>();
        for (int guess = 0; guess < 25; guess++) {
            AppClient.Answer wrong = app.redeem(guessed, String.format(Locale.ROOT, "00000000%02d", guess));
            answers.add(wrong.status() + " " + wrong.body().path("error").asText());
        }
        assertThat(answers).allMatch(a -> a.equals("400 code_invalid") || a.equals("429 too_many_attempts"));
        assertThat(answers.get(answers.size() - 1)).as("past the source's budget").isEqualTo("429 too_many_attempts");
        assertThat(app.redeem(guessed, real).status()).as("the code the police desk issued, after 25 wrong ones").isEqualTo(201);
        assertThat(app.redeem(guessed, real).body().path("error").asText()).as("still single use").isIn("code_invalid", "too_many_attempts");
    }

    @Test
    @DisplayName("a new device is announced to the citizen's other devices (its label), and recorded as an event")
    void newDeviceNotice() {
        String number = registry.pick(Registry.ALIVE);
        SandboxPhone first = SandboxPhone.create();
        app.enrol(first, number, app.enrolmentCode(server.admin(), number), "Điện thoại cũ");
        assertThat(app.pending(first, number).expect(200, "pending").path("notices")).as("nothing beside the first").isEmpty();

        SandboxPhone second = SandboxPhone.create();
        app.enrol(second, number, app.enrolmentCode(server.admin(), number), "Máy tính bảng lạ");
        JsonNode notices = app.pending(first, number).expect(200, "pending").path("notices");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).path("change").asText()).isEqualTo("device_added");
        assertThat(notices.get(0).path("label").asText()).isEqualTo("Máy tính bảng lạ");
        assertThat(notices.get(0).path("binding").asText()).isEqualTo("in_person");
        assertThat(app.pending(second, number).expect(200, "pending").path("notices")).as("the new device itself is not told").isEmpty();
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=UPDATE_CREDENTIAL")
                && l.contains("device_notice=device_added") && l.contains("devices_told=1"))).isNotEmpty();

        // An administrator removes the new device (Keycloak's admin API): the remaining one is told.
        String stranger = null;
        for (JsonNode credential : credentials(number)) {
            if ("Máy tính bảng lạ".equals(credential.path("userLabel").asText())) {
                stranger = credential.path("id").asText();
            }
        }
        assertThat(stranger).isNotNull();
        assertThat(server.admin().delete("/admin/realms/dinhdanh/users/f:population-registry:" + number + "/credentials/" + stranger,
                Duration.ofSeconds(30))).isEqualTo(204);
        JsonNode removed = app.pending(first, number).expect(200, "pending").path("notices");
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).path("change").asText()).isEqualTo("device_removed");
        assertThat(removed.get(0).path("label").asText()).isEqualTo("Máy tính bảng lạ");
        assertThat(removed.get(0).path("reason").asText()).isEqualTo("admin");
    }

    @Test
    @DisplayName("the same device key twice: device_exists")
    void sameKeyTwice() {
        String number = registry.pick(Registry.ALIVE);
        SandboxPhone phone = SandboxPhone.create();
        app.enrol(phone, number, app.enrolmentCode(server.admin(), number), "phone");
        JsonNode enrolment = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "code");
        AppClient.Answer again = app.enrolDevice(enrolment.path("enrolmentId").asText(), phone.attestation(
                Base64.getUrlDecoder().decode(enrolment.path("challenge").asText()), enrolment.path("rpId").asText(), app.origin(), "again"));
        assertThat(again.body().path("error").asText()).isEqualTo("device_exists");
    }

    @Test
    @DisplayName("an attestation over another challenge, or with a changed signature, is refused, and the enrolment is spent")
    void badAttestations() {
        String number = registry.pick(Registry.ALIVE);
        SandboxPhone phone = SandboxPhone.create();

        JsonNode enrolment = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "code");
        AppClient.Answer wrongChallenge = app.enrolDevice(enrolment.path("enrolmentId").asText(),
                phone.attestation(new byte[32], enrolment.path("rpId").asText(), app.origin(), "x"));
        assertThat(wrongChallenge.status()).isEqualTo(400);
        assertThat(wrongChallenge.body().path("error").asText()).isEqualTo("attestation_invalid");
        byte[] challenge = Base64.getUrlDecoder().decode(enrolment.path("challenge").asText());
        AppClient.Answer retry = app.enrolDevice(enrolment.path("enrolmentId").asText(),
                phone.attestation(challenge, enrolment.path("rpId").asText(), app.origin(), "x"));
        assertThat(retry.body().path("error").asText()).isEqualTo("enrolment_unknown");

        JsonNode second = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "code");
        ObjectNode tampered = phone.attestation(Base64.getUrlDecoder().decode(second.path("challenge").asText()),
                second.path("rpId").asText(), app.origin(), "x");
        byte[] attestation = Base64.getUrlDecoder().decode(tampered.path("attestationObject").asText());
        attestation[attestation.length - 1] ^= 1; // the last byte of the signature
        tampered.put("attestationObject", Base64.getUrlEncoder().withoutPadding().encodeToString(attestation));
        AppClient.Answer refused = app.enrolDevice(second.path("enrolmentId").asText(), tampered);
        assertThat(refused.body().path("error").asText()).isEqualTo("attestation_invalid");

        JsonNode third = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "code");
        AppClient.Answer otherOrigin = app.enrolDevice(third.path("enrolmentId").asText(), phone.attestation(
                Base64.getUrlDecoder().decode(third.path("challenge").asText()), third.path("rpId").asText(), "https://phisher.example", "x"));
        assertThat(otherOrigin.body().path("error").asText()).isEqualTo("attestation_invalid");

        assertThat(credentials(number)).noneSatisfy(c -> assertThat(c.path("type").asText()).isEqualTo("vneid-device"));
    }

    @Test
    @DisplayName("codes come from the admin API (an admin event each, no code in it); malformed bodies get JSON errors")
    void codesNeedAnAdministrator() {
        java.net.http.HttpClient http = LocalHttp.client();
        java.net.http.HttpResponse<String> anonymous;
        try {
            anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl()
                    + "/admin/realms/dinhdanh/vneid-enrolment-codes")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"idNumber\":\"001090012345\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(send(http, "/app/enrolment-codes", "{}").statusCode()).as("no public path issues codes").isEqualTo(404);

        String number = registry.pick(Registry.ALIVE);
        String code = app.enrolmentCode(server.admin(), number);
        String path = "users/f:population-registry:" + number + "/vneid-enrolment-code";
        JsonNode events = server.admin().get("/admin/realms/dinhdanh/admin-events?operationTypes=CREATE&resourceTypes=USER&resourcePath="
                + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("resourcePath").asText()).isEqualTo(path);
            assertThat(event.path("details").path("credential_type").asText()).isEqualTo("vneid-device");
            assertThat(event.toString()).doesNotContain(code);
        });
        assertThat(server.log()).doesNotContain(code);
        java.net.http.HttpResponse<String> malformed = send(http, "/app/enrolments", "{\"code\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed_json");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> app.enrolmentCode(server.admin(), "000000000000")))
                .isInstanceOf(SandboxException.class);
    }

    private java.net.http.HttpResponse<String> send(java.net.http.HttpClient http, String path, String body) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.realmUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("an Apple App Attest key where no iOS App ID is configured: format_unsupported, and the enrolment stays usable")
    void appAttestNotConfigured() throws Exception {
        String number = registry.pick(Registry.ALIVE);
        JsonNode enrolment = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "the code");
        java.net.http.HttpResponse<String> refused = LocalHttp.client().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(server.realmUrl() + "/app/enrolments/" + enrolment.path("enrolmentId").asText() + "/app-attest"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"keyId\": \"AAAA\", \"attestationObject\": \"AAAA\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"format_unsupported\"");

        SandboxPhone phone = SandboxPhone.create();
        byte[] challenge = Base64.getUrlDecoder().decode(enrolment.path("challenge").asText());
        app.enrolDevice(enrolment.path("enrolmentId").asText(), phone.attestation(challenge, enrolment.path("rpId").asText(),
                app.origin(), "phone")).expect(201, "the WebAuthn enrolment with the same challenge");
    }
}
