package vn.dinhdanh.assurance;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;
import org.keycloak.theme.ThemeResources;
import org.keycloak.theme.beans.AdvancedMessageFormatterMethod;
import org.keycloak.theme.beans.MessageFormatterMethod;

/**
 * Keycloak's FreeMarker login pages, plus the step-up reason: every page of an authentication in which the second
 * method is asked ({@link StepUpReason#NOTE} present) gets the relying party's name as {@link StepUpReason#ATTRIBUTE},
 * whichever authenticator renders it and however often (first page, retry, a failed attempt, "try another way").
 * Every login page passes here: Keycloak's {@code form()} of an authenticator, required action or consent sets the
 * authentication session before rendering. The theme's message bundle and resource list come from
 * {@link PageBundles}, built once per node rather than once per page.
 */
final class StepUpLoginForms extends FreeMarkerLoginFormsProvider {

    private static final Logger LOG = Logger.getLogger(StepUpLoginForms.class);

    private final PageBundles bundles;

    StepUpLoginForms(KeycloakSession session, PageBundles bundles) {
        super(session);
        this.bundles = bundles;
    }

    @Override
    public LoginFormsProvider setAuthenticationSession(AuthenticationSessionModel authenticationSession) {
        super.setAuthenticationSession(authenticationSession);
        String client = authenticationSession == null ? null : authenticationSession.getAuthNote(StepUpReason.NOTE);
        if (client == null) {
            // One provider serves the whole request: a page rendered after the step-up ended says nothing of it.
            attributes.remove(StepUpReason.ATTRIBUTE);
        } else {
            attributes.put(StepUpReason.ATTRIBUTE, client);
        }
        return this;
    }

    /** Keycloak's own, with the bundle and the resources kept (the template attributes are the same). */
    @Override
    protected Properties handleThemeResources(Theme theme, Locale locale) {
        if (!session.theme().isCacheEnabled()) {
            return super.handleThemeResources(theme, locale);
        }
        Properties messages;
        try {
            messages = bundles.messages(theme, realm, locale);
        } catch (IOException e) {
            return super.handleThemeResources(theme, locale); // it logs and renders without the bundle
        }
        attributes.put("msg", new MessageFormatterMethod(locale, new MessagesThenAttributes(messages, new HashMap<>(attributes))));
        attributes.put("advancedMsg", new AdvancedMessageFormatterMethod(locale, messages));
        try {
            Properties properties = theme.getProperties();
            attributes.put("properties", properties);
            attributes.put("themeResources", bundles.resources(theme, properties));
            attributes.put("darkMode", "true".equals(properties.getProperty("darkMode")) && realm.getAttribute("darkMode", true));
        } catch (IOException e) {
            LOG.warn("Failed to load the theme's properties", e);
            attributes.put("themeResources", ThemeResources.empty());
        }
        return messages;
    }
}
