package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * First step of the level-2 branch: a citizen whose registry record is not at e-ID level 2 can never reach
 * LoA 2, so they learn it before being asked for a second factor. Also collects what the first method proved.
 */
final class LevelTwoEligibility extends LevelTwoStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        LoginNotes.collect(context.getAuthenticationSession());
        if (LoginNotes.registryLevel(context.getUser()) < 2) {
            LevelRefusal.show(context, Evidence.Shortfall.REGISTRY_LEVEL);
            return;
        }
        context.success();
    }
}
