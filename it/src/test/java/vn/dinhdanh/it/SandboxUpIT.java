package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.it.support.BankOnline;
import vn.dinhdanh.sandbox.BankOnlineClient;
import vn.dinhdanh.sandbox.FileTrees;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.Ports;

/**
 * {@code ./dinhdanh up} as a newcomer runs it: the launcher in its own process, as the script starts it, the whole
 * system up, a second {@code up} refused, a clean stop on SIGTERM (what Ctrl-C becomes), and a
 * restart that keeps the data.
 */
class SandboxUpIT {

    private final Path home = Path.of(System.getProperty("dinhdanh.home")).toAbsolutePath().normalize();
    private final Path data = Path.of(System.getProperty("dinhdanh.it.work")).resolve("up");

    /** A running {@code dinhdanh} process; its output goes to a file, read whenever asked. */
    private final class Launcher implements AutoCloseable {
        final Process process;
        final Path output;

        Launcher(String name, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Ddinhdanh.home=" + home, "-cp", System.getProperty("dinhdanh.sandbox.classpath"),
                    "vn.dinhdanh.sandbox.DinhdanhCommand"));
            command.addAll(List.of(args));
            output = Files.createDirectories(data.getParent()).resolve("up-" + name + ".out");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        }

        boolean awaitLine(String fragment, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (text().contains(fragment)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return text().contains(fragment);
                }
                Thread.sleep(200);
            }
            return false;
        }

        int awaitExit(long seconds) throws InterruptedException {
            assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("exited within " + seconds + " s").isTrue();
            return process.exitValue();
        }

        String text() {
            try {
                return Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    @DisplayName("up starts everything, refuses a second up, stops cleanly and restarts on the same data")
    void upRunsTheWholeSystem() throws Exception {
        FileTrees.delete(data);
        int port = Ports.free();
        String[] args = {"up", "--port", String.valueOf(port), "--data-dir", data.toString()};
        try (Launcher up = new Launcher("first", args)) {
            assertThat(up.awaitLine("dinhdanh is up", 240)).as(up.text()).isTrue();
            assertThat(up.text()).contains(
                    "Realm               http://localhost:" + port + "/realms/dinhdanh",
                    "/realms/dinhdanh/.well-known/openid-configuration",
                    "/realms/dinhdanh/protocol/saml/descriptor",
                    "/admin/master/console/   (admin / admin",
                    "public-portal", "legacy-portal", "bank-online", "tester / tester")
                    .containsPattern("ready in \\d+\\.\\d s");
            assertThat(get("http://localhost:" + port + "/realms/dinhdanh/.well-known/openid-configuration").statusCode())
                    .isEqualTo(200);

            try (Launcher second = new Launcher("second", args)) {
                assertThat(second.awaitExit(60)).isEqualTo(2);
                assertThat(second.text()).contains("dinhdanh is already running from " + data);
            }

            up.process.destroy(); // SIGTERM, as Ctrl-C's SIGINT would
            assertThat(up.awaitExit(60)).as(up.text()).isIn(0, 143);
            assertThat(up.text()).contains("dinhdanh: stopped");
        }
        assertThat(portIsFree(port)).as("Keycloak released port " + port).isTrue();
        assertThat(Files.readString(data.resolve("postgres/PG_VERSION")).strip()).isNotEmpty();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(data.toString()))).as("no process left on the data directory").isEmpty();

        // A second start on the same data: the realm is still there, nothing is imported twice.
        String bankKey = Files.readString(BankOnlineClient.privateKeyFile(data));
        try (Launcher again = new Launcher("again", args)) {
            assertThat(again.awaitLine("dinhdanh is up", 240)).as(again.text()).isTrue();
            assertThat(get("http://localhost:" + port + "/realms/dinhdanh").statusCode()).isEqualTo(200);
            // The sample bank keeps its key, and a developer's PAR signed with the key file is accepted.
            assertThat(Files.readString(BankOnlineClient.privateKeyFile(data))).isEqualTo(bankKey);
            com.nimbusds.oauth2.sdk.http.HTTPResponse par = pushWithSandboxBankKey(port);
            assertThat(par.getStatusCode()).as(par.getBody()).isEqualTo(201);

            personasWithPasswordAndDevice(port);
        }
        assertThat(Files.readString(data.resolve("logs/keycloak.log"))).contains("Realm 'dinhdanh' already exists. Import skipped");
    }

    /**
     * {@code citizens sample --with-password --with-device} against the running sandbox, as the README has a newcomer
     * do it: each persona printed with its password and its phone's key file; the password signs in to the account
     * console in Chromium, and the phone's key is accepted by the app API ({@code app pending}).
     */
    private void personasWithPasswordAndDevice(int port) throws Exception {
        String url = "http://localhost:" + port;
        try (Launcher sample = new Launcher("sample", "citizens", "sample", "-n", "2", "--level", "2", "--with-password",
                "--with-device", "--url", url, "--data-dir", data.toString())) {
            assertThat(sample.awaitExit(180)).as(sample.text()).isZero();
            List<com.fasterxml.jackson.databind.JsonNode> personas = new ArrayList<>();
            for (String line : sample.text().lines().filter(l -> l.startsWith("{")).toList()) {
                personas.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
            }
            assertThat(personas).as(sample.text()).hasSize(2);
            for (com.fasterxml.jackson.databind.JsonNode persona : personas) {
                assertThat(persona.path("status").asText()).isEqualTo("alive");
                assertThat(persona.path("level").asInt()).isEqualTo(2);
                assertThat(persona.path("password").asText()).hasSizeGreaterThanOrEqualTo(12);
                Path device = Path.of(persona.path("device").asText());
                assertThat(device).isRegularFile().hasFileName(persona.path("idNumber").asText() + ".json");
                assertThat(device.toRealPath()).isEqualTo(data.resolve("app").resolve(device.getFileName()).toRealPath());
            }
            com.fasterxml.jackson.databind.JsonNode first = personas.get(0);
            String number = first.path("idNumber").asText();
            try (Launcher pending = new Launcher("pending", "app", "pending", "--citizen", number, "--url", url, "--data-dir", data.toString())) {
                assertThat(pending.awaitExit(120)).as(pending.text()).isZero();
                assertThat(pending.text()).as("no login waits: an empty list, fetched with the device key").contains("[ ]");
            }
            try (vn.dinhdanh.it.support.Browser browser = vn.dinhdanh.it.support.Browser.open("vi")) {
                browser.open(URI.create(url + "/realms/dinhdanh/account/"));
                browser.signIn(number, first.path("password").asText());
                new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(60))
                        .until(d -> d.getPageSource().contains(first.path("fullName").asText()));
            }
        }
        try (Launcher refused = new Launcher("sample-refused", "citizens", "sample", "--status", "deceased", "--with-device",
                "--url", url, "--data-dir", data.toString())) {
            assertThat(refused.awaitExit(120)).as(refused.text()).isNotZero();
            assertThat(refused.text()).contains("--with-device enrols phones for living citizens only");
        }
    }

    /** A PAR of {@code bank-online} as docs/relying-parties.md shows it, with the key file the sandbox drew. */
    private com.nimbusds.oauth2.sdk.http.HTTPResponse pushWithSandboxBankKey(int port) throws Exception {
        URI issuer = URI.create("http://localhost:" + port + "/realms/dinhdanh");
        com.nimbusds.jose.jwk.ECKey key = BankOnline.readKey(BankOnlineClient.privateKeyFile(data));
        com.nimbusds.oauth2.sdk.id.ClientID client = BankOnline.CLIENT_ID;
        var request = new com.nimbusds.oauth2.sdk.AuthorizationRequest.Builder(com.nimbusds.oauth2.sdk.ResponseType.CODE, client)
                .redirectionURI(URI.create("https://127.0.0.1:8092/callback")).scope(new com.nimbusds.oauth2.sdk.Scope("openid"))
                .codeChallenge(new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256).build();
        var assertion = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(client, issuer, com.nimbusds.jose.JWSAlgorithm.ES256,
                key.toECPrivateKey(), key.getKeyID(), null);
        return new com.nimbusds.oauth2.sdk.PushedAuthorizationRequest(URI.create(issuer + "/protocol/openid-connect/ext/par/request"),
                assertion, request).toHTTPRequest().send();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return LocalHttp.client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
