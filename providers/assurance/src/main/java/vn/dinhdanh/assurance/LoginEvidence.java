package vn.dinhdanh.assurance;

import vn.dinhdanh.evidence.Evidence;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The evidence of the authentication under way, kept in its authentication session.
 *
 * <p>Each login method records only its own factor in the notes every dinhdanh method writes
 * ({@code dinhdanh.auth.factors}, {@code dinhdanh.auth.device_binding}), and the next method overwrites them.
 * The assurance steps of the flow, placed after each group of methods, collect those notes into one
 * proof list for this authentication. Only this authentication counts: a step-up asks for fresh factors, as the
 * LoA condition's max age says, never reuses a chip read or a device approval of an earlier login.
 */
final class LoginEvidence {

    static final String FACTORS_NOTE = "dinhdanh.auth.factors";
    static final String DEVICE_BINDING_NOTE = "dinhdanh.auth.device_binding";
    /** The proofs collected so far in this authentication ({@link Evidence#serialize()}). */
    static final String PROOFS_NOTE = "dinhdanh.assurance.proofs";
    /** The registry's e-ID level, a user attribute of federated citizens (population CitizenAttributes). */
    static final String EID_LEVEL_ATTRIBUTE = "eid_level";

    private LoginEvidence() {
    }

    /** The proofs so far plus what the last method recorded, without writing anything. */
    static Evidence current(AuthenticationSessionModel authSession) {
        return Evidence.parse(authSession.getAuthNote(PROOFS_NOTE))
                .with(authSession.getAuthNote(FACTORS_NOTE), authSession.getAuthNote(DEVICE_BINDING_NOTE));
    }

    /** {@link #current}, kept in the session so that the next method's notes add to it. */
    static Evidence collect(AuthenticationSessionModel authSession) {
        Evidence evidence = current(authSession);
        authSession.setAuthNote(PROOFS_NOTE, evidence.serialize());
        return evidence;
    }

    /** The citizen's e-ID level in the registry; 0 for anyone else (a level the rule never raises). */
    static int registryLevel(UserModel user) {
        String level = user == null ? null : user.getFirstAttribute(EID_LEVEL_ATTRIBUTE);
        if (level == null) {
            return 0;
        }
        try {
            return Integer.parseInt(level.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
