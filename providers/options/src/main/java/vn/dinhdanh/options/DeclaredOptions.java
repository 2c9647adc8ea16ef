package vn.dinhdanh.options;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * An option declared once, as the {@link ProviderConfigProperty} a factory's {@code getConfigMetadata()} returns, and
 * read from Keycloak's {@link Config.Scope} by that same declaration: its name and its default are written in one
 * place. Shared by the typed config classes of the providers.
 */
public final class DeclaredOptions {

    private DeclaredOptions() {
    }

    /** An option named {@code name} (also its label), of Keycloak's property {@code type}, with its default and help. */
    public static ProviderConfigProperty option(String name, String type, Object defaultValue, String help) {
        return new ProviderConfigProperty(name, name, help, type, defaultValue);
    }

    public static String string(Config.Scope scope, ProviderConfigProperty option) {
        return scope.get(option.getName(), (String) option.getDefaultValue());
    }

    public static int integer(Config.Scope scope, ProviderConfigProperty option) {
        return scope.getInt(option.getName(), (Integer) option.getDefaultValue());
    }

    public static boolean bool(Config.Scope scope, ProviderConfigProperty option) {
        return scope.getBoolean(option.getName(), (Boolean) option.getDefaultValue());
    }
}
