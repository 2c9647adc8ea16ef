package vn.dinhdanh.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.sandbox.registry.SandboxRegistry;

/** {@code ./dinhdanh citizens sample}: sandbox personas as JSON lines, to pick a test citizen. */
@Command(name = "citizens", mixinStandardHelpOptions = true, description = "Sandbox citizens.",
        subcommands = CitizensCommand.Sample.class)
final class CitizensCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    enum Status {
        alive("c.life_status = 'alive' AND NOT c.blocked AND (k.status IS NULL OR k.status = 'active')"),
        deceased("c.life_status = 'deceased'"),
        revoked("k.status IN ('revoked', 'lost')"),
        blocked("c.blocked");

        final String condition;

        Status(String condition) {
            this.condition = condition;
        }
    }

    /** A card the virtual chip can be made of: the newest card active and valid for more than a year. */
    static final String WITH_CHIP = "k.status = 'active' AND k.expiry_date > now() + interval '1 year'";

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Prints citizens as JSON lines: ID number, name, date of birth, level, status. A seeded draw "
                    + "across the registry (ages, provinces, statuses); the same seed gives the same personas.")
    static final class Sample implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Option(names = "--status", description = "Only citizens of this status: alive, deceased, revoked (card revoked or lost) or blocked (default: any).")
        Status status;

        @Option(names = "--level", description = "Only citizens of this e-identity level: 0, 1 or 2 (default: any).")
        Integer level;

        @Option(names = "-n", defaultValue = "5", description = "How many (1 to 100; default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Option(names = "--seed", defaultValue = "dinhdanh", description = "Another seed draws other personas (default: ${DEFAULT-VALUE}).")
        String seed;

        @Option(names = "--with-chip", description = "Only citizens whose card can be read as a virtual chip (`./dinhdanh chip read`).")
        boolean withChip;

        @Option(names = "--with-device", description = "Enrol a sandbox phone for each (as `./dinhdanh app enroll`): needs `./dinhdanh up`; "
                + "living citizens only (the default status then).")
        boolean withDevice;

        @Option(names = "--with-password", description = "Set a new random password for each and print it: needs `./dinhdanh up`.")
        boolean withPassword;

        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The sandbox, for --with-device and --with-password (default: ${DEFAULT-VALUE}).")
        java.net.URI url;

        @Option(names = "--admin-password", defaultValue = "admin", description = "The bootstrap admin's password (default: ${DEFAULT-VALUE}).")
        String adminPassword;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || count > RegistryClient.MAX_PAGE) {
                throw new SandboxException("-n must be between 1 and " + RegistryClient.MAX_PAGE);
            }
            if (level != null && (level < 0 || level > 2)) {
                throw new SandboxException("--level must be 0, 1 or 2");
            }
            if (withDevice && status != null && status != Status.alive) {
                // The app's enrolment refuses them, and nothing would be printed for those already set up.
                throw new SandboxException("--with-device enrols phones for living citizens only: leave out --status " + status
                        + " (or give --status alive)");
            }
            if (withDevice) {
                status = Status.alive;
            }
            try (SandboxRegistry registry = SandboxRegistry.open(SandboxPaths.data(dataDirectory))) {
                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setURL(registry.owner().jdbcUrl());
                dataSource.setUser(registry.owner().username());
                RegistryClient client = new RegistryClient(dataSource);
                vn.dinhdanh.sandbox.keycloak.KeycloakAdmin admin = withDevice || withPassword
                        ? vn.dinhdanh.sandbox.keycloak.KeycloakAdmin.login(url, Sandbox.ADMIN_USERNAME, adminPassword) : null;
                for (String number : candidates(registry, dataSource)) {
                    Optional<CitizenRecord> record = client.find(PersonalIdNumber.parse(number));
                    ObjectNode persona = persona(record.orElseThrow());
                    if (withPassword) {
                        persona.put("password", givePassword(admin, number));
                    }
                    if (withDevice) {
                        persona.put("device", enrolPhone(admin, number).toString());
                    }
                    System.out.println(JSON.writeValueAsString(persona));
                }
            }
            return 0;
        }

        private List<String> candidates(SandboxRegistry registry, PGSimpleDataSource dataSource) throws SQLException {
            String sql = "SELECT c.id_number FROM citizen c LEFT JOIN LATERAL (SELECT status, expiry_date FROM card WHERE card.id_number = c.id_number"
                    + " ORDER BY issue_date DESC LIMIT 1) k ON true WHERE " + (status == null ? "true" : status.condition)
                    + (withChip ? " AND " + WITH_CHIP : "")
                    + (level == null ? "" : " AND c.eid_level = ?") + " ORDER BY md5(c.id_number || ?) LIMIT ?";
            List<String> numbers = new ArrayList<>();
            try (Connection connection = RegistryDatabase.connect(registry.owner());
                 PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                if (level != null) {
                    query.setInt(i++, level);
                }
                query.setString(i++, seed); // a hash order: spread over birth years, provinces and statuses
                query.setInt(i, count);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        numbers.add(rows.getString(1));
                    }
                }
            }
            return numbers;
        }

        /** A new random password for the citizen (Keycloak's admin API, as an operator would set one). */
        private static String givePassword(vn.dinhdanh.sandbox.keycloak.KeycloakAdmin admin, String number) {
            String password = SandboxSecrets.random();
            ObjectNode credential = JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false);
            int status = admin.put("/admin/realms/" + Sandbox.REALM + "/users/f:population-registry:" + number + "/reset-password", credential);
            if (status != 204) {
                throw new SandboxException("cannot set a password for " + number + ": HTTP " + status);
            }
            return password;
        }

        /** Enrols a sandbox phone (an in-person enrolment code: a level-2 device); returns the file of its key. */
        private Path enrolPhone(vn.dinhdanh.sandbox.keycloak.KeycloakAdmin admin, String number) {
            vn.dinhdanh.sandbox.app.AppClient app = new vn.dinhdanh.sandbox.app.AppClient(java.net.URI.create(url + "/realms/" + Sandbox.REALM));
            vn.dinhdanh.sandbox.app.SandboxPhone phone = vn.dinhdanh.sandbox.app.SandboxPhone.create();
            app.enrol(phone, number, app.enrolmentCode(admin, number), "VNeID sandbox phone");
            Path file = SandboxPaths.data(dataDirectory).resolve("app").resolve(number + ".json");
            phone.save(file);
            return file;
        }

        private static ObjectNode persona(CitizenRecord record) {
            ObjectNode node = JSON.createObjectNode();
            node.put("idNumber", record.idNumber().value());
            node.put("fullName", record.fullName());
            node.put("birthDate", record.birthDate().toString());
            node.put("sex", record.sex().name().toLowerCase(java.util.Locale.ROOT));
            node.put("level", record.eidLevel());
            node.put("status", LoginRefusal.of(Optional.of(record)).map(LoginRefusal::code).orElse("alive"));
            if (record.card() != null) {
                ObjectNode card = node.putObject("card");
                card.put("status", record.card().status().name().toLowerCase(java.util.Locale.ROOT));
                card.put("expiryDate", record.card().expiryDate() == null ? null : record.card().expiryDate().toString());
            }
            return node;
        }
    }
}
