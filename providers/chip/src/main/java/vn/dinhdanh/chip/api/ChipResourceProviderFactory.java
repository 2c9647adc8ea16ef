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
import vn.dinhdanh.chip.trust.TrustStoreLoader;
import vn.dinhdanh.chip.waiting.ClusterWaiters;

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

    private ChipSettings settings;
    /** This node's waiting login pages (node-local by nature; what they wait for is in the cluster-wide store). */
    private final ClusterWaiters waiters = new ClusterWaiters(ChipChallenges.WAKEUPS, "chip");

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
        TrustStore trustStore = loadTrustStore(config.get(TRUST_STORE, ""), clock);
        ChipPolicy policy = ChipPolicy.DEFAULT
                .withRequireActiveAuthentication(config.getBoolean(REQUIRE_ACTIVE_AUTHENTICATION, true))
                .withRequireDocumentStatus(config.getBoolean(REQUIRE_DOCUMENT_STATUS, true))
                .withRequireRevocationList(config.getBoolean(REQUIRE_REVOCATION_LIST, true));
        settings = new ChipSettings(trustStore, policy, Duration.ofSeconds(config.getInt(CHALLENGE_LIFETIME, 120)),
                config.get(EKYC_ROLE, "ekyc"), config.getInt(MAX_REQUEST_BYTES, 512 * 1024), clock);
    }

    /** The shared settings, for the chip login in the same deployment. */
    public ChipSettings settings() {
        return settings;
    }

    static TrustStore loadTrustStore(String option, Clock clock) {
        List<Path> files = new ArrayList<>();
        for (String part : option.split(",")) {
            if (!part.isBlank()) {
                files.add(Path.of(part.strip()));
            }
        }
        if (files.isEmpty()) {
            LOG.warn("chip: no trust store configured (trust-store): every chip will be refused as ds_not_trusted");
            return TrustStore.of(List.of(), List.of());
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("chip trust store " + file + " cannot be read");
            }
        }
        try {
            TrustStore store = new TrustStoreLoader(clock).load(files);
            LOG.infof("chip: trust store loaded: %d CSCA certificates, %d CRLs from %s", store.cscas().size(),
                    store.crls().size(), files);
            return store;
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

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.listen(factory);
    }

    @Override
    public void close() {
    }
}
