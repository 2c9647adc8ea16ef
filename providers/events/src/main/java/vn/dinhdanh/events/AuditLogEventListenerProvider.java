package vn.dinhdanh.events;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;

/**
 * Writes every user and admin event of a realm as one audit line to the {@code vn.dinhdanh.audit}
 * log category: successes at INFO, errors at WARN. Holds no state of its own.
 */
final class AuditLogEventListenerProvider implements EventListenerProvider {

    static final Logger AUDIT = Logger.getLogger("vn.dinhdanh.audit");

    private final SubjectPseudonym pseudonym;

    AuditLogEventListenerProvider(SubjectPseudonym pseudonym) {
        this.pseudonym = pseudonym;
    }

    @Override
    public void onEvent(Event event) {
        AuditLine line = new AuditLine()
                .add("kind", "user")
                .add("type", event.getType())
                .add("realm", event.getRealmName() != null ? event.getRealmName() : event.getRealmId())
                .add("client", event.getClientId())
                .add("subject", subject(event.getRealmId(), event.getUserId()))
                .add("outcome", event.getError() == null ? "success" : "error")
                .add("error", event.getError())
                .addDetails(event.getDetails());
        write(event.getError() != null, line);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // The resource path and representation name users (and so ID numbers): neither is logged. Details pass the
        // same allow-list as user events' (a credential revoked by an admin: its type).
        AuditLine line = new AuditLine()
                .add("kind", "admin")
                .add("operation", event.getOperationType())
                .add("resource", event.getResourceTypeAsString())
                .add("realm", event.getRealmName() != null ? event.getRealmName() : event.getRealmId())
                .add("client", event.getAuthDetails() != null ? event.getAuthDetails().getClientId() : null)
                .add("subject", event.getAuthDetails() != null
                        ? subject(event.getAuthDetails().getRealmId(), event.getAuthDetails().getUserId()) : null)
                .add("outcome", event.getError() == null ? "success" : "error")
                .add("error", event.getError())
                .addDetails(event.getDetails());
        write(event.getError() != null, line);
    }

    private String subject(String realmId, String userId) {
        return userId == null ? null : pseudonym.of(String.valueOf(realmId), userId);
    }

    private static void write(boolean error, AuditLine line) {
        AUDIT.log(error ? Logger.Level.WARN : Logger.Level.INFO, line);
    }

    @Override
    public void close() {
    }
}
