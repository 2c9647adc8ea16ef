package vn.dinhdanh.chip.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import vn.dinhdanh.chip.ChipPolicy;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.waiting.ClusterWaiters;
import vn.dinhdanh.chip.trust.TrustState;
import vn.dinhdanh.chip.trustadmin.TrustMonitor;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

/**
 * {@code /realms/{realm}/chip}: reads the SPI options ({@code --spi-realm-restapi-extension--chip--<option>},
 * README "Configuration") and loads the CSCA trust store once at start. Without a trust store every chip is
 * {@code ds_not_trusted}: nothing is trusted by default, and the test CSCA only where the sandbox says so.
 */
public final class ChipResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "chip";
    private static final Logger LOG = Logger.getLogger(ChipResourceProviderFactory.class);

    static final String TRUST_STORE = "trust-store";
    static final String CHALLENGE_LIFETIME = "challenge-lifetime";
    static final String REQUIRE_ACTIVE_AUTHENTICATION = "require-active-authentication";
    static final String REQUIRE_DOCUMENT_STATUS = "require-document-status";
    static final String REQUIRE_REVOCATION_LIST = "require-revocation-list";
    static final String EKYC_ROLE = "ekyc-role";
    static final String MAX_REQUEST_BYTES = "max-request-bytes";
    static final String MASTER_LIST_ANCHORS = "master-list-anchors";
    static final String TRUST_RELOAD_INTERVAL = "trust-reload-interval";
    static final String CRL_WARNING_DAYS = "crl-warning-days";
    static final String CSCA_COUNTRY = "csca-country";

    private ChipSettings settings;
    /** This node's waiting login pages (node-local by nature; what they wait for is in the cluster-wide store). */
    private final ClusterWaiters waiters = new ClusterWaiters(ChipChallenges.WAKEUPS, "chip");
    private TrustMonitor monitor;
    private long reloadIntervalMillis;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        ChipResource resource = new ChipResource(session, settings, waiters);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        Clock clock = Clock.system(ChipSettings.VIETNAM);
        TrustState trust = loadTrust(config.get(TRUST_STORE, ""), config.get(MASTER_LIST_ANCHORS, ""), clock);
        ChipPolicy policy = ChipPolicy.DEFAULT
                .withCscaCountry(config.get(CSCA_COUNTRY, ChipPolicy.VIETNAM))
                .withRequireActiveAuthentication(config.getBoolean(REQUIRE_ACTIVE_AUTHENTICATION, true))
                .withRequireDocumentStatus(config.getBoolean(REQUIRE_DOCUMENT_STATUS, true))
                .withRequireRevocationList(config.getBoolean(REQUIRE_REVOCATION_LIST, true));
        reloadIntervalMillis = Math.max(10, config.getInt(TRUST_RELOAD_INTERVAL, 300)) * 1000L;
        monitor = new TrustMonitor(trust, Duration.ofDays(config.getInt(CRL_WARNING_DAYS, 14)));
        monitor.tick(false);
        settings = new ChipSettings(trust, policy, Duration.ofSeconds(config.getInt(CHALLENGE_LIFETIME, 120)),
                config.get(EKYC_ROLE, "ekyc"), config.getInt(MAX_REQUEST_BYTES, 512 * 1024), clock);
    }

    /** The shared settings, for the chip login in the same deployment. */
    public ChipSettings settings() {
        return settings;
    }

    /** The trust monitor (reload, CRL warnings), for the admin resource in the same deployment. */
    public TrustMonitor monitor() {
        return monitor;
    }

    private static List<Path> paths(String option) {
        List<Path> files = new ArrayList<>();
        for (String part : option.split(",")) {
            if (!part.isBlank()) {
                files.add(Path.of(part.strip()));
            }
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("chip trust file " + file + " cannot be read");
            }
        }
        return files;
    }

    static TrustState loadTrust(String option, String anchors, Clock clock) {
        List<Path> files = paths(option);
        if (files.isEmpty()) {
            LOG.warn("chip: no trust store configured (trust-store): every chip will be refused as ds_not_trusted");
            return TrustState.fixed(TrustStore.of(List.of(), List.of()), clock);
        }
        try {
            TrustState trust = new TrustState(files, paths(anchors), clock);
            LOG.infof("chip: trust store loaded: %d CSCA certificates, %d CRLs from %s", trust.store().cscas().size(),
                    trust.store().crls().size(), files);
            return trust;
        } catch (Exception e) {
            // Refuse to start rather than to run trusting something else than the operator meant.
            throw new IllegalStateException("chip trust store " + files + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(TRUST_STORE).type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("CSCA trust anchors: comma-separated files, PEM (certificates and CRLs) or ICAO CSCA master lists")
                .add()
                .property().name(MASTER_LIST_ANCHORS).type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Certificates (PEM files, comma-separated) a CSCA master list's signer must chain to; without them master lists are refused")
                .add()
                .property().name(TRUST_RELOAD_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(300)
                .helpText("Seconds between checks of the trust files: changed files are reloaded without a restart")
                .add()
                .property().name(CRL_WARNING_DAYS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(14)
                .helpText("Warn (log, /metrics) this many days before a CRL's nextUpdate; after it, cards are refused csca_crl_stale")
                .add()
                .property().name(CSCA_COUNTRY).type(ProviderConfigProperty.STRING_TYPE).defaultValue(ChipPolicy.VIETNAM)
                .helpText("Country (C=) of the CSCA a card must chain to: VN; another code only for tests")
                .add()
                .property().name(CHALLENGE_LIFETIME).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(120)
                .helpText("Seconds a chip challenge can be answered")
                .add()
                .property().name(REQUIRE_ACTIVE_AUTHENTICATION).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(true)
                .helpText("Refuse chips without Active Authentication (aa_unsupported); false: accept them as passive only")
                .add()
                .property().name(REQUIRE_DOCUMENT_STATUS).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(true)
                .helpText("Refuse cards whose status the registry does not know (card_status_unknown)")
                .add()
                .property().name(REQUIRE_REVOCATION_LIST).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(true)
                .helpText("Refuse Document Signers whose CSCA has no CRL in the trust store")
                .add()
                .property().name(EKYC_ROLE).type(ProviderConfigProperty.STRING_TYPE).defaultValue("ekyc")
                .helpText("Realm role a service account needs to receive the person block")
                .add()
                .property().name(MAX_REQUEST_BYTES).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(512 * 1024)
                .helpText("Largest verification request body accepted, in bytes")
                .add()
                .build();
    }

    /**
     * Every node reloads its own files on Keycloak's timer (not the cluster-aware one: trust is read from
     * files on each node, so each node must reload).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.listen(factory);
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(() -> monitor.tick(false), reloadIntervalMillis, "dinhdanh-chip-trust-reload"));
    }

    @Override
    public void close() {
    }
}
