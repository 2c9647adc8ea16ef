package vn.dinhdanh.assurance;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code dinhdanh}: the realm's login pages ({@link StepUpLoginForms}). Its order above Keycloak's {@code freemarker}
 * (order 0) makes it the default login forms provider without any server option.
 */
public final class StepUpLoginFormsFactory extends FreeMarkerLoginFormsProviderFactory {

    public static final String ID = "dinhdanh";

    private final PageBundles bundles = new PageBundles();

    @Override
    public LoginFormsProvider create(KeycloakSession session) {
        return new StepUpLoginForms(session, bundles);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 1;
    }
}
