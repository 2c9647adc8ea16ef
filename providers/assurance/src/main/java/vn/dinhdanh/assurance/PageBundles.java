package vn.dinhdanh.assurance;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.keycloak.models.RealmModel;
import org.keycloak.services.util.LocaleUtil;
import org.keycloak.theme.Theme;
import org.keycloak.theme.ThemeResources;
import org.keycloak.theme.ThemeResourcesParser;

/**
 * A login theme's message bundle and resource list, built once per node instead of once per page. For every page
 * Keycloak merges the theme's messages of the locale and its parents (English) with the realm's own texts, a few
 * thousand entries, and parses the theme's list of styles and scripts; on a login that needs no password hashing
 * that was some 4 % of the server's time in a push login and 7 % in a chip login.
 *
 * <p>Only for themes Keycloak itself caches (not {@code start-dev}, where an edited theme file must show at the
 * next page): a bundle is then kept for its theme, realm and locale as long as the realm's localization texts for
 * that locale's chain are the ones it was built with, so an administrator's change to them shows at once. Derived
 * data only: a node that starts empty builds it at its first page. The bundles handed out are shared: read only.
 */
final class PageBundles {

    /** Themes × realms × locales; past it (themes reloaded many times) the map starts over. */
    private static final int MAX_BUNDLES = 512;

    private record Key(Theme theme, String realmId, Locale locale) {
    }

    /** The realm's texts the messages were merged with, and the result. */
    private record Bundle(Map<Locale, Properties> realmTexts, Properties messages) {
    }

    private record Resources(Properties properties, ThemeResources parsed) {
    }

    private final ConcurrentMap<Key, Bundle> bundles = new ConcurrentHashMap<>();
    private final ConcurrentMap<Theme, Resources> resources = new ConcurrentHashMap<>();

    /** What {@link Theme#getEnhancedMessages} answers, from the last page that asked, if still the same. */
    Properties messages(Theme theme, RealmModel realm, Locale locale) throws IOException {
        Map<Locale, Properties> realmTexts = LocaleUtil.getRealmLocalizationTexts(realm, locale);
        Key key = new Key(theme, realm.getId(), locale);
        Bundle bundle = bundles.get(key);
        if (bundle == null || !bundle.realmTexts().equals(realmTexts)) {
            bundle = new Bundle(realmTexts, theme.getEnhancedMessages(realm, locale));
            if (bundles.size() >= MAX_BUNDLES) {
                bundles.clear();
            }
            bundles.put(key, bundle);
        }
        return bundle.messages();
    }

    /** The theme's styles, scripts and icons, parsed from {@code properties} (the theme's, which Keycloak keeps). */
    ThemeResources resources(Theme theme, Properties properties) {
        Resources known = resources.get(theme);
        if (known == null || known.properties() != properties) {
            known = new Resources(properties, ThemeResourcesParser.parse(properties));
            if (resources.size() >= MAX_BUNDLES) {
                resources.clear();
            }
            resources.put(theme, known);
        }
        return known.parsed();
    }
}
