package vn.dinhdanh.tracker;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.checkpoint.CheckpointKey;

/**
 * The tracker's options ({@code spi-dinhdanh-tracker--default--*}), read once and declared once. Both keys are
 * required and live outside the database: a server without them does not start (the message names the option,
 * never a value).
 */
record TrackerConfig(ChainKey chainKey, CheckpointKey checkpointKey) {

    static final String KEY = "key";
    static final String CHECKPOINT_KEY = "checkpoint-key";

    static TrackerConfig read(Config.Scope config) {
        return new TrackerConfig(required(config, KEY, ChainKey::of), required(config, CHECKPOINT_KEY, CheckpointKey::of));
    }

    private static <T> T required(Config.Scope config, String option, java.util.function.Function<String, T> parse) {
        String value = config.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("data tracker: option spi-dinhdanh-tracker--default--" + option + " is required"
                    + " (kept outside the database; see docs/data-tracker.md, \"Keys\")");
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("data tracker: spi-dinhdanh-tracker--default--" + option + ": " + e.getMessage());
        }
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(KEY).type(ProviderConfigProperty.STRING_TYPE).secret(true)
                .helpText("Required. Secret (at least " + ChainKey.MIN_SECRET_BYTES + " bytes) keying the chain's HMACs and"
                        + " citizens' pseudonyms; the same on every node, never in the database.")
                .add()
                .property().name(CHECKPOINT_KEY).type(ProviderConfigProperty.STRING_TYPE).secret(true)
                .helpText("Required. Private EC P-256 JWK (JSON) signing checkpoints and receipts; the same on every node;"
                        + " its public half is published at /realms/{realm}/data-tracker/checkpoint-keys.")
                .add().build();
    }
}
