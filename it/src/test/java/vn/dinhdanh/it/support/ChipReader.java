package vn.dinhdanh.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.chip.SandboxChips;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * Plays a reader app (a bank's or the citizen's) against the chip API over plain HTTP, with virtual chips
 * of registry citizens signed by the server's sandbox PKI: the same code as {@code ./dinhdanh chip read}.
 */
public final class ChipReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerUnderTest server;
    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(10)).build();

    public ChipReader(ServerUnderTest server) {
        this.server = server;
    }

    /** A challenge as the API issued it. */
    public record Challenge(String id, byte[] nonce) {

        /** The challenge of a login page's app link ({@code vneid://chip-login?...}). */
        public static Challenge ofAppLink(String link) {
            Map<String, String> parameters = new HashMap<>();
            for (String pair : URI.create(link).getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            return new Challenge(parameters.get("challengeId"), Base64.getUrlDecoder().decode(parameters.get("nonce")));
        }
    }

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    public Challenge challenge() {
        Answer answer = send(HttpRequest.newBuilder(api("challenges")).POST(HttpRequest.BodyPublishers.noBody()));
        if (answer.status() != 201) {
            throw new AssertionError("POST /chip/challenges: " + answer);
        }
        return new Challenge(answer.body().get("challengeId").asText(),
                Base64.getDecoder().decode(answer.body().get("nonce").asText()));
    }

    /** The registry's newest card of the citizen, as the sandbox models it. */
    public CardHolder holder(String idNumber) {
        Database owner = server.registryOwner();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(owner.jdbcUrl());
        dataSource.setUser(owner.username());
        dataSource.setPassword(owner.password());
        CitizenRecord record;
        try {
            record = new RegistryClient(dataSource).find(PersonalIdNumber.parse(idNumber)).orElseThrow();
        } catch (vn.dinhdanh.population.idnumber.InvalidIdNumberException e) {
            throw new IllegalArgumentException(e);
        }
        return SandboxChips.holder(record);
    }

    public VirtualChip chip(CardHolder holder, Variant variant, ActiveAuthKey key) {
        return SandboxChips.chip(server.chipPki(), holder, variant, key);
    }

    /** The citizen's card issued under the sandbox's brainpoolP256r1 CSCA, with an AA key on the same curve. */
    public VirtualChip brainpoolChip(CardHolder holder, Variant variant) {
        return SandboxChips.chip(server.brainpoolChipPki(), holder, variant, ActiveAuthKey.EC_BRAINPOOL_P256_PLAIN);
    }

    public ObjectNode request(VirtualChip chip, Challenge challenge) {
        return SandboxChips.verificationRequest(chip, challenge.id(), challenge.nonce());
    }

    /** Posts {@code body} to {@code /chip/verifications}, with a bearer token when not null. */
    public Answer verify(String body, String contentType, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("verifications"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    public Answer verify(JsonNode body) {
        return verify(body.toString(), "application/json", null);
    }

    public Answer state(String challengeId) {
        return send(HttpRequest.newBuilder(api("challenges/" + challengeId)).GET());
    }

    /** A client-credentials access token of the sample bank's eKYC service account. */
    public String bankToken() {
        return token("bank-ekyc", server.relyingParties().bankEkycSecret());
    }

    /** A client-credentials access token of a confidential client. */
    public String token(String clientId, String secret) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret))
                .build();
        Answer answer = send(request);
        if (answer.status() != 200) {
            throw new AssertionError(clientId + " token: " + answer);
        }
        return answer.body().get("access_token").asText();
    }

    private URI api(String path) {
        return URI.create(server.realmUrl() + "/chip/" + path);
    }

    private Answer send(HttpRequest.Builder request) {
        return send(request.timeout(Duration.ofSeconds(60)).build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
