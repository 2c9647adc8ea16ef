package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * What the run needs in realm {@code dinhdanh}, made through the same doors as in production: citizens the
 * login rule lets in, phones enrolled with an administrator's one-time code, passwords set through the admin
 * API, and a client whose browser flow is Keycloak's stock {@code browser} flow.
 */
final class BenchRealm {

    static final String STOCK_CLIENT = "bench-stock-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM_PATH = "/admin/realms/" + Sandbox.REALM;
    private static final String USERS = REALM_PATH + "/users/f:population-registry:";
    private static final String ALIVE = "c.life_status = 'alive' AND NOT c.blocked AND (k.status IS NULL OR k.status = 'active')";
    /** Admin tokens live a minute: a new sign-in every this many calls. */
    private static final int CALLS_PER_TOKEN = 50;

    private final URI baseUrl;
    private final Supplier<KeycloakAdmin> admin;

    BenchRealm(URI baseUrl, Supplier<KeycloakAdmin> admin) {
        this.baseUrl = baseUrl;
        this.admin = admin;
    }

    /**
     * {@code count} distinct citizens whom the login rule lets in (alive, not blocked, card neither revoked nor
     * lost, a consistent record), in an order fixed by {@code seed}.
     */
    static List<String> citizens(Database registry, int count, long seed) {
        String sql = "SELECT c.id_number FROM citizen c LEFT JOIN LATERAL (SELECT status FROM card WHERE card.id_number = c.id_number"
                + " ORDER BY issue_date DESC LIMIT 1) k ON true WHERE " + ALIVE + " ORDER BY md5(c.id_number || ?) LIMIT ?";
        List<String> numbers = new ArrayList<>(count);
        try (Connection connection = DriverManager.getConnection(registry.jdbcUrl(), registry.username(), registry.password());
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, Long.toString(seed));
            query.setInt(2, count * 2);
            RegistryClient client = new RegistryClient(ConnectionSource.lending(connection));
            List<String> candidates = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    candidates.add(rows.getString(1));
                }
            }
            for (String number : candidates) {
                if (numbers.size() == count) {
                    break;
                }
                var record = client.find(PersonalIdNumber.parse(number));
                if (record.isPresent() && LoginRefusal.of(record).isEmpty()) {
                    numbers.add(number);
                }
            }
        } catch (SQLException e) {
            throw new SandboxException("cannot read the registry: " + e.getMessage(), e);
        } catch (InvalidIdNumberException e) {
            throw new IllegalStateException("the registry holds a malformed ID number", e);
        }
        if (numbers.size() < count) {
            throw new SandboxException("the registry has only " + numbers.size() + " citizens who may log in; give more --citizens");
        }
        return numbers;
    }

    /** A new phone per citizen, enrolled with an administrator's one-time code, on {@code threads} threads. */
    List<AppLogin.Citizen> enrol(List<String> numbers, int threads) throws InterruptedException {
        return parallel(numbers, threads, (admin, number) -> {
            AppClient app = new AppClient(URI.create(baseUrl + "/realms/" + Sandbox.REALM));
            SandboxPhone phone = SandboxPhone.create();
            app.enrol(phone, number, app.enrolmentCode(admin, number), "bench phone");
            return new AppLogin.Citizen(number, phone);
        });
    }

    /** A random password per citizen, set through the admin API (not temporary). */
    List<PasswordLogin.Citizen> setPasswords(List<String> numbers, int threads) throws InterruptedException {
        return parallel(numbers, threads, (admin, number) -> {
            String password = SandboxSecrets.random();
            ObjectNode credential = JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false);
            int status = admin.put(USERS + number + "/reset-password", credential);
            if (status != 204) {
                throw new SandboxException("setting a password failed: HTTP " + status);
            }
            return new PasswordLogin.Citizen(number, password);
        });
    }

    /**
     * Client {@value #STOCK_CLIENT}: confidential, code flow with PKCE S256, redirect {@code redirectUri}, its
     * browser flow bound to the realm's stock {@code browser} flow (the password form first).
     */
    RelyingParty stockPasswordClient(String redirectUri) {
        KeycloakAdmin admin = this.admin.get();
        String flowId = null;
        for (JsonNode flow : admin.get(REALM_PATH + "/authentication/flows")) {
            if ("browser".equals(flow.path("alias").asText())) {
                flowId = flow.path("id").asText();
            }
        }
        if (flowId == null) {
            throw new SandboxException("the realm has no stock 'browser' flow");
        }
        String secret = SandboxSecrets.random();
        ObjectNode client = JSON.createObjectNode()
                .put("clientId", STOCK_CLIENT).put("protocol", "openid-connect").put("enabled", true)
                .put("publicClient", false).put("clientAuthenticatorType", "client-secret").put("secret", secret)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false).put("fullScopeAllowed", false);
        client.putArray("redirectUris").add(redirectUri);
        // The realm's consent policy requires every relying party to state its purpose.
        client.putObject("attributes").put("pkce.code.challenge.method", "S256").put("dinhdanh.purpose", "Đo hiệu năng đăng nhập");
        client.putObject("authenticationFlowBindingOverrides").put("browser", flowId);
        if (!admin.get(REALM_PATH + "/clients?clientId=" + STOCK_CLIENT).isEmpty()) {
            throw new SandboxException("client " + STOCK_CLIENT + " exists already: the bench wants a fresh database");
        }
        admin.post(REALM_PATH + "/clients", client, Duration.ofSeconds(30));
        return new RelyingParty(URI.create(baseUrl + "/realms/" + Sandbox.REALM), STOCK_CLIENT, secret, redirectUri);
    }

    /** One admin call per number, on {@code threads} threads, each signing in again every few calls. */
    private <T> List<T> parallel(List<String> numbers, int threads, AdminCall<T> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<T>>> parts = new ArrayList<>();
            int slice = (numbers.size() + threads - 1) / threads;
            for (int from = 0; from < numbers.size(); from += slice) {
                List<String> part = numbers.subList(from, Math.min(numbers.size(), from + slice));
                parts.add(pool.submit(() -> {
                    List<T> done = new ArrayList<>(part.size());
                    KeycloakAdmin admin = null;
                    long tokenAt = 0;
                    for (int i = 0; i < part.size(); i++) {
                        // A new admin token every 50 calls, and every 30 s (it lives 60 s: a loaded machine is slow).
                        if (i % CALLS_PER_TOKEN == 0 || System.nanoTime() - tokenAt > 30_000_000_000L) {
                            admin = this.admin.get();
                            tokenAt = System.nanoTime();
                        }
                        done.add(call.apply(admin, part.get(i)));
                    }
                    return done;
                }));
            }
            List<T> all = new ArrayList<>(numbers.size());
            for (Future<List<T>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T apply(KeycloakAdmin admin, String number);
    }
}
