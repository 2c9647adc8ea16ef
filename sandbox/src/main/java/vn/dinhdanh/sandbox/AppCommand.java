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
@Command(name = "app", mixinStandardHelpOptions = true, description = "Plays the VNeID app's phone (issue 5: enrolment so far).",
        subcommands = AppCommand.Enroll.class)
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

        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The sandbox (default ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--admin-password", defaultValue = "admin", description = "The bootstrap admin's password (default ${DEFAULT-VALUE}).")
        String adminPassword;

        @Option(names = "--label", defaultValue = "VNeID sandbox phone", description = "The device's name in the account console.")
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
            app.enrol(phone, code, label);
            Path file = SandboxPaths.data(dataDirectory).resolve("app").resolve(citizen + ".json");
            phone.save(file);
            System.out.println("enrolled device " + phone.credentialId() + " for " + citizen + "; key kept in " + file);
            return 0;
        }
    }
}
