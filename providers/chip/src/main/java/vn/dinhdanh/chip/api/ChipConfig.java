package vn.dinhdanh.chip.api;

import static org.keycloak.provider.ProviderConfigProperty.BOOLEAN_TYPE;
import static org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE;
import static org.keycloak.provider.ProviderConfigProperty.STRING_TYPE;
import static vn.dinhdanh.options.DeclaredOptions.bool;
import static vn.dinhdanh.options.DeclaredOptions.integer;
import static vn.dinhdanh.options.DeclaredOptions.option;
import static vn.dinhdanh.options.DeclaredOptions.string;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import vn.dinhdanh.chip.ChipPolicy;

/**
 * The chip's options ({@code spi-dinhdanh-chip--default--<option>}), each key, default and help text
 * written once: {@link #read} reads them, {@link #metadata} declares them (Keycloak's help, docs/configuration.md).
 *
 * @param trustStore CSCA trust files, comma-separated (loaded by the factory: a file that cannot be read stops the start)
 * @param masterListAnchors certificates a master list's signer must chain to, comma-separated files
 * @param trustReloadInterval how often each node checks its trust files (at least 10 seconds)
 * @param crlWarning how long before a CRL's nextUpdate a warning is given
 * @param policy what a card must prove (CSCA country, active authentication, document status, revocation list)
 * @param challengeLifetime how long a chip challenge can be answered
 * @param ekycRole the realm role a service account needs to receive the person block
 * @param maxRequestBytes the largest verification body
 */
public record ChipConfig(String trustStore, String masterListAnchors, Duration trustReloadInterval, Duration crlWarning,
                         ChipPolicy policy, Duration challengeLifetime, String ekycRole, int maxRequestBytes) {

    static final ProviderConfigProperty TRUST_STORE = option("trust-store", STRING_TYPE, "",
            "CSCA trust anchors: comma-separated files, PEM (certificates and CRLs) or ICAO CSCA master lists; none: every"
                    + " chip is ds_not_trusted. Read at start (a file that cannot be loaded stops the start), reloaded when it changes");
    static final ProviderConfigProperty MASTER_LIST_ANCHORS = option("master-list-anchors", STRING_TYPE, "",
            "Certificates (PEM files, comma-separated) a CSCA master list's signer must chain to; none: master lists are refused");
    static final ProviderConfigProperty TRUST_RELOAD_INTERVAL = option("trust-reload-interval", INTEGER_TYPE, 300,
            "Seconds between checks of the trust files on each node: changed files are reloaded without a restart");
    static final ProviderConfigProperty CRL_WARNING_DAYS = option("crl-warning-days", INTEGER_TYPE, 14,
            "Warn (log, /metrics) this many days before a CRL's nextUpdate; after it, cards are refused csca_crl_stale");
    static final ProviderConfigProperty CSCA_COUNTRY = option("csca-country", STRING_TYPE, ChipPolicy.VIETNAM,
            "Country (C=) of the CSCA a card must chain to: VN; another code only for tests");
    static final ProviderConfigProperty CHALLENGE_LIFETIME = option("challenge-lifetime", INTEGER_TYPE, 120,
            "Seconds a chip challenge can be answered");
    static final ProviderConfigProperty REQUIRE_ACTIVE_AUTHENTICATION = option("require-active-authentication",
            BOOLEAN_TYPE, true, "false lets the API accept chips without Active Authentication as passive only"
                    + " (chipAuthenticated: false); the chip login refuses them regardless (aa_unsupported)");
    static final ProviderConfigProperty REQUIRE_DOCUMENT_STATUS = option("require-document-status", BOOLEAN_TYPE, true,
            "false lets a card whose status the registry does not know pass (document_status skipped);"
                    + " true refuses it (card_status_unknown)");
    static final ProviderConfigProperty REQUIRE_REVOCATION_LIST = option("require-revocation-list", BOOLEAN_TYPE, true,
            "false trusts a Document Signer whose CSCA has no CRL in the trust store");
    static final ProviderConfigProperty EKYC_ROLE = option("ekyc-role", STRING_TYPE, "ekyc",
            "Realm role a service account needs to receive the person block");
    static final ProviderConfigProperty MAX_REQUEST_BYTES = option("max-request-bytes", INTEGER_TYPE, 512 * 1024,
            "Largest verification request body accepted, in bytes");

    private static final List<ProviderConfigProperty> ALL = List.of(TRUST_STORE, MASTER_LIST_ANCHORS, TRUST_RELOAD_INTERVAL,
            CRL_WARNING_DAYS, CSCA_COUNTRY, CHALLENGE_LIFETIME, REQUIRE_ACTIVE_AUTHENTICATION, REQUIRE_DOCUMENT_STATUS,
            REQUIRE_REVOCATION_LIST, EKYC_ROLE, MAX_REQUEST_BYTES);

    /** Every option, in the order of the documentation. */
    public static List<ProviderConfigProperty> metadata() {
        return ALL.stream().map(o -> option(o.getName(), o.getType(), o.getDefaultValue(), o.getHelpText())).toList();
    }

    public static ChipConfig read(Config.Scope scope) {
        ChipPolicy policy = ChipPolicy.DEFAULT
                .withCscaCountry(string(scope, CSCA_COUNTRY))
                .withRequireActiveAuthentication(bool(scope, REQUIRE_ACTIVE_AUTHENTICATION))
                .withRequireDocumentStatus(bool(scope, REQUIRE_DOCUMENT_STATUS))
                .withRequireRevocationList(bool(scope, REQUIRE_REVOCATION_LIST));
        return new ChipConfig(string(scope, TRUST_STORE), string(scope, MASTER_LIST_ANCHORS),
                Duration.ofSeconds(Math.max(10, integer(scope, TRUST_RELOAD_INTERVAL))),
                Duration.ofDays(integer(scope, CRL_WARNING_DAYS)), policy,
                Duration.ofSeconds(integer(scope, CHALLENGE_LIFETIME)), string(scope, EKYC_ROLE),
                integer(scope, MAX_REQUEST_BYTES));
    }
}
