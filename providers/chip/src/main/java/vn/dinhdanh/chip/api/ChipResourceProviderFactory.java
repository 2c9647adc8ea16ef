package vn.dinhdanh.chip.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.waiting.ClusterWaiters;
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
    public void init(Config.Scope scope) {
        ChipConfig config = ChipConfig.read(scope);
        Clock clock = Clock.system(ChipSettings.VIETNAM);
        TrustState trust = loadTrust(config.trustStore(), config.masterListAnchors(), clock);
        reloadIntervalMillis = config.trustReloadInterval().toMillis();
        monitor = new TrustMonitor(trust, config.crlWarning());
        monitor.tick(false);
        settings = new ChipSettings(trust, config.policy(), config.challengeLifetime(), config.ekycRole(),
                config.maxRequestBytes(), clock);
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
        return ChipConfig.metadata();
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
