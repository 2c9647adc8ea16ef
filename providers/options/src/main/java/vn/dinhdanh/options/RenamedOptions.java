package vn.dinhdanh.options;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.keycloak.Config;

/**
 * Options that moved to a new SPI scope, still read under their old names for one release: a key set under its new
 * name wins; one set only under its old name is used, and a warning naming the new key is given once per key.
 */
public final class RenamedOptions extends Config.AbstractScope {

    private final Config.Scope current;
    private final Config.Scope old;
    private final String currentPrefix;
    private final String oldPrefix;
    private final Consumer<String> warning;
    private final Set<String> warned = new HashSet<>();

    /**
     * @param currentPrefix how an option of {@code current} is spelled, e.g. {@code spi-dinhdanh-app--default--}
     * @param oldPrefix how it was spelled, e.g. {@code spi-realm-restapi-extension--app--}
     * @param warning where the deprecation warning goes (the log)
     */
    public RenamedOptions(Config.Scope current, String currentPrefix, Config.Scope old, String oldPrefix, Consumer<String> warning) {
        this.current = current;
        this.old = old;
        this.currentPrefix = currentPrefix;
        this.oldPrefix = oldPrefix;
        this.warning = warning;
    }

    @Override
    public String get(String key) {
        return get(key, null);
    }

    @Override
    protected <T> T getValue(String key, Function<String, T> conversion, Class<T> clazz, T defaultValue) {
        String value = current.get(key);
        if (value == null) {
            value = old.get(key);
            if (value != null && warned.add(key)) {
                warning.accept("option " + oldPrefix + key + " is deprecated and will be removed in the next release:"
                        + " use " + currentPrefix + key + " (" + environment(currentPrefix + key) + ")");
            }
        }
        return value == null ? defaultValue : conversion.apply(value);
    }

    /** The environment variable of an option, as Keycloak maps them: {@code KC_} and the name in capitals, {@code _} for {@code -}. */
    public static String environment(String option) {
        return "KC_" + option.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    @Override
    public Config.Scope scope(String... scope) {
        return current.scope(scope);
    }

    @Override
    public Set<String> getPropertyNames() {
        Set<String> names = new HashSet<>(current.getPropertyNames());
        names.addAll(old.getPropertyNames());
        return names;
    }

    @Override
    public Config.Scope root() {
        return current.root();
    }
}
