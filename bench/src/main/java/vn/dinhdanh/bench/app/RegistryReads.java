package vn.dinhdanh.bench.app;

import java.sql.SQLException;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.postgres.TableScans;

/**
 * How often the registry's {@code citizen} table was read ({@link TableScans}, PostgreSQL's own counters) in the
 * registry database. Every lookup of a citizen by number is one index scan of it (the change feed reads
 * {@code citizen_change}, not this table), so the difference over a phase divided by its logins is the registry reads
 * per login. {@link #countSettled()} waits for the server's connections to have reported theirs.
 */
final class RegistryReads {

    private final Database registry;

    RegistryReads(Database registry) {
        this.registry = registry;
    }

    long count() {
        try {
            return TableScans.count(registry, "citizen");
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The count once the server's connections have reported theirs. */
    long countSettled() throws InterruptedException {
        Thread.sleep(TableScans.SETTLE_MILLIS);
        return count();
    }
}
