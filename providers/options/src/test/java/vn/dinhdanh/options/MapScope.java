package vn.dinhdanh.options;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.keycloak.Config;

/**
 * A scope of SPI options given as a map, as Keycloak would read them from {@code --spi-...} options: for the tests of
 * every provider that reads a typed config (shipped in this module's test jar). Its sub-scopes are empty.
 */
public final class MapScope extends Config.AbstractScope {

    private final Map<String, String> values;

    public MapScope(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    protected <T> T getValue(String key, Function<String, T> conversion, Class<T> clazz, T defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : conversion.apply(value);
    }

    @Override
    public Config.Scope scope(String... scope) {
        return new MapScope(Map.of());
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Config.Scope root() {
        return new MapScope(Map.of());
    }
}
