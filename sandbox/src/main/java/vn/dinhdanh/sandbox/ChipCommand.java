package vn.dinhdanh.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.sandbox.chip.SandboxChips;
import vn.dinhdanh.sandbox.chip.SandboxPki;
import vn.dinhdanh.sandbox.registry.SandboxRegistry;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/** {@code ./dinhdanh chip read}: plays a reader app with a virtual chip card of a sandbox citizen. */
@Command(name = "chip", mixinStandardHelpOptions = true, description = "Virtual CCCD chip cards of sandbox citizens.",
        subcommands = ChipCommand.Read.class)
final class ChipCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = {"Reads the citizen's card (a virtual chip signed by this sandbox's test CSCA) and prints the JSON body",
                "for POST /realms/dinhdanh/chip/verifications. For example:",
                "  C=$(curl -s -X POST http://localhost:8080/realms/dinhdanh/chip/challenges)",
                "  ./dinhdanh chip read --citizen 001090012345 --challenge \"$C\" \\",
                "    | curl -s -H 'Content-Type: application/json' -d @- http://localhost:8080/realms/dinhdanh/chip/verifications"})
    static final class Read implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Option(names = "--citizen", required = true, description = "The citizen's 12-digit ID number.")
        String citizen;

        @Option(names = "--challenge", required = true,
                description = "The challenge: the JSON answer of POST .../chip/challenges, or its nonce, base64 or base64url as the"
                        + " login page's link carries it (then --challenge-id).")
        String challenge;

        @Option(names = "--challenge-id", description = "The challenge's id, when --challenge is the nonce alone.")
        String challengeId;

        @Option(names = "--variant", defaultValue = "genuine",
                description = "genuine, expired, tampered_dg1, tampered_dg13, unlisted_data_group, unknown_csca, ds_revoked,"
                        + " missing_dg1, sod_signature_corrupted, wrong_aa_key, document_number_mismatch, foreign_document,"
                        + " sod_without_signed_attributes, sod_duplicate_data_group, sod_sha1"
                        + " (default: ${DEFAULT-VALUE}).")
        String variant;

        @Option(names = "--active-auth",
                description = "The chip's AA key: none, rsa_sha1, rsa_sha256, ec_p256_plain, ec_p256_der, ec_brainpool_p256_plain,"
                        + " ec_brainpool_p384_plain, ec_brainpool_p512_plain (default: rsa_sha256; with --pki brainpool, ec_brainpool_p256_plain).")
        String activeAuth;

        @Option(names = "--pki", defaultValue = "nist",
                description = "The CSCA that issues the card: nist (P-256) or brainpool (brainpoolP256r1); the sandbox trusts both (default: ${DEFAULT-VALUE}).")
        String pki;

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Override
        public Integer call() throws Exception {
            Variant chipVariant = choice(Variant.class, variant, "--variant");
            boolean brainpool = switch (pki.strip().toLowerCase(Locale.ROOT)) {
                case "nist" -> false;
                case "brainpool" -> true;
                default -> throw new SandboxException("--pki: no such choice: " + pki);
            };
            ActiveAuthKey key = activeAuth != null ? choice(ActiveAuthKey.class, activeAuth, "--active-auth")
                    : brainpool ? ActiveAuthKey.EC_BRAINPOOL_P256_PLAIN : ActiveAuthKey.RSA_SHA256;
            PersonalIdNumber number;
            try {
                number = PersonalIdNumber.parse(citizen);
            } catch (InvalidIdNumberException e) {
                throw new SandboxException("--citizen: " + e.getMessage());
            }
            String id = challengeId;
            String nonce = challenge.strip();
            if (nonce.startsWith("{")) {
                JsonNode answer = JSON.readTree(nonce);
                if (!answer.hasNonNull("challengeId") || !answer.hasNonNull("nonce")) {
                    throw new SandboxException("--challenge: not an answer of POST .../chip/challenges: " + nonce);
                }
                id = answer.get("challengeId").asText();
                nonce = answer.get("nonce").asText();
            }
            if (id == null) {
                throw new SandboxException("--challenge-id is needed with a bare nonce");
            }
            byte[] nonceBytes = SandboxChips.nonce(nonce);
            Path data = SandboxPaths.data(dataDirectory);
            CitizenRecord record;
            try (SandboxRegistry registry = SandboxRegistry.open(data)) {
                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setURL(registry.owner().jdbcUrl());
                dataSource.setUser(registry.owner().username());
                record = new RegistryClient(dataSource).find(number)
                        .orElseThrow(() -> new SandboxException("no citizen " + number + " in the sandbox registry"));
            }
            VirtualChip chip = SandboxChips.chip(brainpool ? SandboxPki.brainpool(data) : SandboxPki.of(data),
                    SandboxChips.holder(record), chipVariant, key);
            System.out.println(JSON.writeValueAsString(SandboxChips.verificationRequest(chip, id, nonceBytes)));
            return 0;
        }

        private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new SandboxException(option + ": no such choice: " + value);
            }
        }
    }
}
