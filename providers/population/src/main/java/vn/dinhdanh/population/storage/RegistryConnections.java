package vn.dinhdanh.population.storage;

import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.transaction.JtaTransactionManagerLookup;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.RegistryUnavailableException;

/**
 * Connections to the registry from Keycloak's pool for the named datasource, taken <em>outside</em>
 * the request's JTA transaction.
 *
 * <p>Why outside: every registry read is one self-contained SELECT on a database dinhdanh never
 * writes. Enlisted in the request's transaction, each lookup paid for a savepoint, its release and,
 * because the request also touches Keycloak's own database, an XA two-phase commit with
 * {@code PREPARE TRANSACTION} on the registry — several round trips for one indexed read (see
 * docs/benchmarks.md). Outside, a lookup is one round trip on a pooled auto-commit connection, and a
 * failed registry query cannot abort the request's transaction, so the refusal page still commits.
 */
final class RegistryConnections {

    /**
     * The pool behind each JPA unit, found once: the datasource handle is infrastructure, like the
     * pool itself, not per-request or login state.
     */
    private static final Map<String, DataSource> POOLS = new ConcurrentHashMap<>();

    /** The registry read latency meter (Keycloak's registry), with a histogram so that dashboards can show percentiles. */
    private static io.micrometer.core.instrument.Timer queries() {
        return io.micrometer.core.instrument.Timer.builder("dinhdanh.registry.query")
                .description("One read of the population registry, connection included")
                .publishPercentileHistogram().register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    private RegistryConnections() {
    }

    static ConnectionSource of(KeycloakSession session, String unit) {
        return new ConnectionSource() {
            @Override
            public <T> T withConnection(Work<T> work) throws SQLException {
                DataSource pool = pool(session, unit);
                TransactionManager transactions = transactionManager(session);
                Transaction suspended = suspend(transactions);
                io.micrometer.core.instrument.Timer.Sample sample = io.micrometer.core.instrument.Timer.start();
                try (Connection connection = pool.getConnection()) {
                    return work.run(connection);
                } finally {
                    // dinhdanh_registry_query_seconds: one registry read, connection included (docs/operations.md).
                    sample.stop(queries());
                    resume(transactions, suspended);
                }
            }
        };
    }

    private static DataSource pool(KeycloakSession session, String unit) {
        DataSource known = POOLS.get(unit);
        if (known != null) {
            return known;
        }
        JpaConnectionProvider jpa = session.getProvider(JpaConnectionProvider.class, unit);
        if (jpa == null) {
            throw new RegistryUnavailableException(new IllegalStateException("no datasource " + unit + " configured"));
        }
        // Quarkus hands Hibernate the Agroal pool of the named datasource; unwrap it from there.
        DataSource pool = jpa.getEntityManager().getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry().requireService(ConnectionProvider.class).unwrap(DataSource.class);
        POOLS.putIfAbsent(unit, pool);
        return pool;
    }

    private static TransactionManager transactionManager(KeycloakSession session) {
        JtaTransactionManagerLookup lookup = session.getProvider(JtaTransactionManagerLookup.class);
        return lookup == null ? null : lookup.getTransactionManager();
    }

    private static Transaction suspend(TransactionManager transactions) throws SQLException {
        if (transactions == null) {
            return null;
        }
        try {
            return transactions.suspend();
        } catch (SystemException e) {
            throw new SQLException("cannot suspend the request's transaction", e);
        }
    }

    private static void resume(TransactionManager transactions, Transaction suspended) throws SQLException {
        if (suspended == null) {
            return;
        }
        try {
            transactions.resume(suspended);
        } catch (jakarta.transaction.InvalidTransactionException | SystemException e) {
            throw new IllegalStateException("cannot resume the request's transaction", e);
        }
    }
}
