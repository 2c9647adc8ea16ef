package vn.dinhdanh.population.freshness;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * How far the cluster has processed the registry's change feed for one population component, kept in
 * Keycloak's database. {@link #lock} takes the row for the current transaction, skipping it when another
 * node holds it: one node at a time processes the next batch, and the position moves (at commit) together
 * with the session removals and retries it stands for. A node that dies mid-batch rolls back; the next
 * node starts from the same position, so no entry is lost (at-least-once: a logout token may be sent twice).
 */
final class FeedPosition {

    private final EntityManager database;
    private final String componentId;

    FeedPosition(KeycloakSession session, String componentId) {
        this.database = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.componentId = componentId;
    }

    /**
     * This component's position, row-locked until the transaction ends; empty when another node holds it.
     * The very first time (a new installation), the feed is followed from {@code start} (its current end):
     * older entries were applied by logins that read the registry live.
     */
    OptionalLong lock(LongSupplier start) {
        List<?> rows = select();
        if (rows.isEmpty()) {
            database.createNativeQuery("INSERT INTO DD_REGISTRY_FEED (COMPONENT_ID, SEQ, UPDATED_AT) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT (COMPONENT_ID) DO NOTHING")
                    .setParameter(1, componentId).setParameter(2, start.getAsLong()).setParameter(3, System.currentTimeMillis())
                    .executeUpdate();
            rows = select();
        }
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) rows.get(0)).longValue());
    }

    private List<?> select() {
        return database.createNativeQuery("SELECT SEQ FROM DD_REGISTRY_FEED WHERE COMPONENT_ID = ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, componentId).getResultList();
    }

    /** Moves the locked position to {@code seq} (committed with the transaction). */
    void advance(long seq) {
        database.createNativeQuery("UPDATE DD_REGISTRY_FEED SET SEQ = ?1, UPDATED_AT = ?2 WHERE COMPONENT_ID = ?3")
                .setParameter(1, seq).setParameter(2, System.currentTimeMillis()).setParameter(3, componentId)
                .executeUpdate();
    }
}
