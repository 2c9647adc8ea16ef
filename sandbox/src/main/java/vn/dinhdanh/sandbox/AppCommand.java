package vn.dinhdanh.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/** {@code ./dinhdanh app}: plays the VNeID app's phone against a running sandbox. */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Plays the VNeID app's phone.",
        subcommands = {AppCommand.Enroll.class, AppCommand.Pending.class, AppCommand.Approve.class, AppCommand.Scan.class})
final class AppCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"Enrols a new device key for the citizen: an administrator's one-time code (as the police desk",
                "issues in person), then the key's attestation. The phone is kept in <data-dir>/app/<ID>.json."})
    static final class Enroll implements Callable<Integer> {

        @Option(names = "--citizen", required = true, description = "The citizen's 12-digit ID number.")
        String citizen;

        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The sandbox's URL (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--admin-password", defaultValue = "admin", description = "The bootstrap admin's password (default: ${DEFAULT-VALUE}).")
        String adminPassword;

        @Option(names = "--label", defaultValue = "VNeID sandbox phone", description = "The device's name in the account console (default: ${DEFAULT-VALUE}).")
        String label;

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Override
        public Integer call() {
            if (!citizen.matches("[0-9]{12}")) {
                throw new SandboxException("--citizen is a 12-digit ID number");
            }
            AppClient app = new AppClient(URI.create(url + "/realms/" + Sandbox.REALM));
            String code = app.enrolmentCode(KeycloakAdmin.login(url, Sandbox.ADMIN_USERNAME, adminPassword), citizen);
            SandboxPhone phone = SandboxPhone.create();
            app.enrol(phone, citizen, code, label);
            Path file = SandboxPaths.data(dataDirectory).resolve("app").resolve(citizen + ".json");
            phone.save(file);
            System.out.println("enrolled device " + phone.credentialId() + " for " + citizen + "; key kept in " + file);
            return 0;
        }
    }

    /** Options of the commands that use an enrolled phone. */
    static class PhoneOptions {
        @Option(names = "--citizen", required = true, description = "The citizen's 12-digit ID number.")
        String citizen;

        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The sandbox's URL (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        Path file() {
            Path file = SandboxPaths.data(dataDirectory).resolve("app").resolve(citizen + ".json");
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new SandboxException("no phone enrolled for " + citizen + " here; run ./dinhdanh app enroll --citizen " + citizen);
            }
            return file;
        }

        AppClient app() {
            return new AppClient(URI.create(url + "/realms/" + Sandbox.REALM));
        }

        com.fasterxml.jackson.databind.JsonNode pending(AppClient app, SandboxPhone phone) {
            return app.pending(phone, citizen).expect(200, "fetching pending challenges").path("challenges");
        }
    }

    @Command(name = "pending", mixinStandardHelpOptions = true,
            description = "Prints the citizen's pending login challenge (relying party, data asked for, the three numbers), fetched with the device key.")
    static final class Pending implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        PhoneOptions phone = new PhoneOptions();

        @Override
        public Integer call() {
            System.out.println(phone.pending(phone.app(), SandboxPhone.load(phone.file())).toPrettyString());
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approves the pending request: a browser login with the number it shows (--number), a relying",
                "party's CIBA request (no number: check its binding message with ./dinhdanh app pending); or denies it (--deny)."})
    static final class Approve implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        PhoneOptions phone = new PhoneOptions();

        @Option(names = "--number", description = "The number the browser shows (one of the three the app offers; none for CIBA).")
        Integer number;

        @Option(names = "--deny", description = "Deny the login instead.")
        boolean deny;

        @Override
        public Integer call() {
            if (number != null && deny) {
                throw new SandboxException("give --number N or --deny, not both");
            }
            AppClient app = phone.app();
            Path file = phone.file();
            SandboxPhone device = SandboxPhone.load(file);
            com.fasterxml.jackson.databind.JsonNode pending = phone.pending(app, device);
            if (pending.isEmpty()) {
                throw new SandboxException("no login waits for " + phone.citizen + "'s approval");
            }
            com.fasterxml.jackson.databind.JsonNode challenge = pending.get(0);
            if (!deny && number == null && !challenge.path("choices").isEmpty()) {
                throw new SandboxException("this login shows a number in the browser: give --number N (or --deny)");
            }
            AppClient.Answer answer = app.decide(device, challenge, !deny, deny || number == null ? 0 : number);
            device.save(file); // the signature counter moved on
            System.out.println(answer.expect(200, "the decision").toPrettyString());
            return 0;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"Scans the login page's QR code (its payload: the page's link 'Open the VNeID app on this phone'),",
                "shows what is asked and approves it (or denies it with --deny). The code changes every second and is",
                "accepted for 5 seconds: copy the current one."})
    static final class Scan implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        PhoneOptions phone = new PhoneOptions();

        @Option(names = "--qr", required = true, description = "The QR code's payload, vneid://qr-login?...")
        String payload;

        @Option(names = "--deny", description = "Deny the login instead.")
        boolean deny;

        @Override
        public Integer call() {
            AppClient app = phone.app();
            Path file = phone.file();
            SandboxPhone device = SandboxPhone.load(file);
            com.fasterxml.jackson.databind.JsonNode challenge = app.scan(device, phone.citizen, payload).expect(201, "the scan");
            System.out.println(challenge.toPrettyString());
            AppClient.Answer answer = app.decide(device, challenge, !deny, 0);
            device.save(file); // the signature counter moved on
            System.out.println(answer.expect(200, "the decision").toPrettyString());
            return 0;
        }
    }
}
