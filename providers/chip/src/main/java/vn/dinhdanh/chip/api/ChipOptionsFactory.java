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
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.timer.TimerProvider;
import vn.dinhdanh.chip.trust.TrustState;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.trustadmin.TrustMonitor;
import vn.dinhdanh.options.RenamedOptions;
import vn.dinhdanh.population.registry.CitizenRecord;

/**
 * Reads the chip's options once, from {@code spi-dinhdanh-chip--default--*}, and loads the CSCA trust store. Without
 * a trust store every chip is {@code ds_not_trusted}: nothing is trusted by default, and the test CSCA only where the
 * sandbox says so. Until the next release the same options are still read under their old names,
 * {@code spi-realm-restapi-extension--chip--*} (the chip API's scope), with a warning naming the new key.
 */
public final class ChipOptionsFactory implements ProviderFactory<ChipOptions> {

    public static final String ID = "default";
    static final String PREFIX = "spi-" + ChipOptionsSpi.NAME + "--" + ID + "--";
    /** The old scope: the chip API's ({@code /realms/{realm}/chip}) realm resource. */
    static final String[] OLD_SCOPE = {"realm-restapi-extension", ChipResourceProviderFactory.ID};
    static final String OLD_PREFIX = "spi-" + OLD_SCOPE[0] + "--" + OLD_SCOPE[1] + "--";
    private static final Logger LOG = Logger.getLogger(ChipOptionsFactory.class);

    private ChipOptions options;
    private long reloadIntervalMillis;

    @Override
    public ChipOptions create(KeycloakSession session) {
        return options;
    }

    @Override
    public void init(Config.Scope scope) {
        ChipConfig config = ChipConfig.read(new RenamedOptions(scope, PREFIX, Config.scope(OLD_SCOPE), OLD_PREFIX, LOG::warn));
        Clock clock = Clock.system(CitizenRecord.CALENDAR);
        TrustState trust = loadTrust(config.trustStore(), config.masterListAnchors(), clock);
        reloadIntervalMillis = config.trustReloadInterval().toMillis();
        TrustMonitor monitor = new TrustMonitor(trust, config.crlWarning());
        monitor.tick(false);
        options = new ChipOptions(new ChipSettings(trust, config.policy(), config.challengeLifetime(), config.ekycRole(),
                config.maxRequestBytes(), clock), monitor);
    }

    /**
     * Every node reloads its own files on Keycloak's timer (not the cluster-aware one: trust is read from
     * files on each node, so each node must reload).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(() -> options.monitor().tick(false), reloadIntervalMillis, "dinhdanh-chip-trust-reload"));
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

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}
