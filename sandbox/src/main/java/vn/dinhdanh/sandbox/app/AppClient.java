package vn.dinhdanh.sandbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/**
 * The app's side of {@code /realms/{realm}/app} over plain HTTP, as {@code ./dinhdanh app} and the
 * integration tests drive it: one code for both.
 */
public final class AppClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI realmUrl;
    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();

    public AppClient(URI realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, JsonNode body) {
        public JsonNode expect(int expected, String what) {
            if (status != expected) {
                throw new SandboxException(what + " refused: HTTP " + status + " " + body);
            }
            return body;
        }
    }

    /** An enrolment code for the citizen, issued by an administrator (the police desk in production). */
    public String enrolmentCode(KeycloakAdmin admin, String idNumber) {
        String realm = realmUrl.getPath().substring(realmUrl.getPath().lastIndexOf('/') + 1);
        JsonNode answer = admin.post("/admin/realms/" + realm + "/vneid-enrolment-codes",
                JSON.createObjectNode().put("idNumber", idNumber), Duration.ofSeconds(30));
        return answer.path("code").asText();
    }

    public Answer redeem(String idNumber, String code) {
        return post("/app/enrolments", JSON.createObjectNode().put("idNumber", idNumber).put("code", code).toString());
    }

    public Answer enrolDevice(String enrolmentId, JsonNode attestation) {
        return post("/app/enrolments/" + enrolmentId + "/device", attestation.toString());
    }

    /** Enrols {@code phone} for the citizen with their {@code code}: redeem, attest over the challenge, register. */
    public JsonNode enrol(SandboxPhone phone, String idNumber, String code, String label) {
        JsonNode enrolment = redeem(idNumber, code).expect(201, "the enrolment code");
        byte[] challenge = Base64.getUrlDecoder().decode(enrolment.path("challenge").asText());
        return enrolDevice(enrolment.path("enrolmentId").asText(),
                phone.attestation(challenge, enrolment.path("rpId").asText(), origin(), label)).expect(201, "the device");
    }

    /** The citizen's pending login challenges, fetched with the device key. */
    public Answer pending(SandboxPhone phone, String idNumber) {
        return post("/app/pending", phone.pendingRequest(idNumber, System.currentTimeMillis()).toString());
    }

    /** Registers where the phone receives pushes ({@code platform} fcm or apns, the platform's token). */
    public Answer registerPushToken(SandboxPhone phone, String idNumber, String platform, String token) {
        return post("/app/push-token", phone.pushTokenRequest(idNumber, System.currentTimeMillis(), platform, token).toString());
    }

    /** Claims the login page's QR code ({@code payload} as scanned) for the citizen: the challenge to decide. */
    public Answer scan(SandboxPhone phone, String idNumber, String payload) {
        return post("/app/qr-scans", phone.scanRequest(idNumber, System.currentTimeMillis(), payload).toString());
    }

    /** A new phone, enrolled for the citizen with a code an administrator issues: the sandbox's police desk and phone. */
    public SandboxPhone enrolNewPhone(KeycloakAdmin admin, String idNumber) {
        SandboxPhone phone = SandboxPhone.create();
        enrol(phone, idNumber, enrolmentCode(admin, idNumber), "phone");
        return phone;
    }

    /** Decides {@code challenge}, an entry as {@code /app/pending} lists it (its id and its bytes). */
    public Answer decide(SandboxPhone phone, JsonNode challenge, boolean approve, int number) {
        return decide(phone, challenge.path("challengeId").asText(),
                java.util.Base64.getUrlDecoder().decode(challenge.path("challenge").asText()), approve, number);
    }

    /** Approves ({@code number} picked) or denies ({@code approve} false) challenge {@code challengeId}. */
    public Answer decide(SandboxPhone phone, String challengeId, byte[] challenge, boolean approve, int number) {
        return post("/app/challenges/" + challengeId + "/decision",
                phone.decision(challenge, approve ? "approve" : "deny", approve ? number : 0, origin()).toString());
    }

    /** The server's origin, which the app's client data names (a real app names its own, configured on the server). */
    public String origin() {
        return realmUrl.getScheme() + "://" + realmUrl.getAuthority();
    }

    private Answer post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new SandboxException(path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }
}
