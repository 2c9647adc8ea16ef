package vn.dinhdanh.assurance;

import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * Last step of the level-2 branch: succeeds only when this authentication's evidence meets the level-2 rule, so
 * Keycloak's LoA condition records level 2 for nothing less. Otherwise the page says what is missing.
 */
final class LevelTwoReached extends LevelTwoStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Evidence evidence = LoginNotes.collect(context.getAuthenticationSession());
        Optional<Evidence.Shortfall> shortfall = evidence.shortfallForLevelTwo(LoginNotes.registryLevel(context.getUser()));
        if (shortfall.isPresent()) {
            LevelRefusal.show(context, shortfall.get());
            return;
        }
        StepUpReason.end(context.getAuthenticationSession());
        context.success();
    }
}
