package vn.dinhdanh.sandbox.registry;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the registry with a synthetic population: deterministic for a seed (citizen number
 * {@code i} of a seed is always the same person), bulk-loaded with COPY in one transaction, so a
 * failed run leaves nothing behind. A later run appends after what is there.
 */
public final class PopulationGenerator {

    public static final long DEFAULT_SEED = 20_210_701L; // the population database's first day
    private static final int BATCH = 20_000;
    private static final long DEFER_INDEXES_FROM = 100_000;

    public record Result(long citizens, long cards, Duration took) {
    }

    private final long seed;

    public PopulationGenerator(long seed) {
        this.seed = seed;
    }

    /** Adds {@code count} citizens through {@code connection} (a registry owner, not the read-only role). */
    public Result generate(Connection connection, long count, LongConsumer progress) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            SerialAllocator serials = new SerialAllocator();
            long existing = resume(connection, serials);
            // Loading a large population into an empty registry: build the secondary indexes and the
            // foreign key once at the end (a sort) instead of row by row. Same transaction: all or nothing.
            boolean bulk = existing == 0 && count >= DEFER_INDEXES_FROM;
            List<String> deferred = bulk ? DeferredIndexes.drop(connection) : List.of();
            if (bulk) {
                // Emptied in this transaction: PostgreSQL may then skip the WAL for the COPY (with
                // wal_level=minimal) and write the rows frozen, so nothing rewrites them later.
                try (Statement truncate = connection.createStatement()) {
                    truncate.execute("TRUNCATE card, citizen");
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            // One thread draws and formats the next batch while this one COPYs the previous: on a
            // small machine PostgreSQL is the bottleneck, and the drawing then costs nothing.
            BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(2);
            ExecutorService producer = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "population-generator");
                thread.setDaemon(true);
                return thread;
            });
            long cardCount = 0;
            try {
                Future<?> production = producer.submit(() -> {
                    produce(serials, existing, count, batches);
                    return null;
                });
                for (Batch batch = next(batches, production); batch != Batch.END; batch = next(batches, production)) {
                    copy(copy, batch, bulk);
                    cardCount += batch.cards();
                    progress.accept(batch.upTo());
                }
            } finally {
                producer.shutdownNow();
            }
            DeferredIndexes.restore(connection, deferred);
            try (Statement analyze = connection.createStatement()) {
                connection.commit();
                connection.setAutoCommit(true);
                analyze.execute("ANALYZE citizen");
                analyze.execute("ANALYZE card");
            }
            return new Result(count, cardCount, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Citizen {@code index} of this seed always draws from the same stream, whatever the batch. */
    private SplittableRandom randomFor(long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    /** Counts what earlier runs issued per number bucket, so new numbers continue after them. */
    private static long resume(Connection connection, SerialAllocator serials) throws SQLException {
        long total = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT substr(id_number, 1, 6), count(*) FROM citizen GROUP BY 1")) {
            while (rows.next()) {
                serials.resume(rows.getString(1), rows.getInt(2));
                total += rows.getLong(2);
            }
        }
        return total;
    }

    /** A formatted batch: CSV of citizens and of their cards, and how far it reaches. */
    private record Batch(String citizenCsv, String cardCsv, long upTo, long cards) {
        static final Batch END = new Batch("", "", -1, 0);
    }

    private void produce(SerialAllocator serials, long existing, long count, BlockingQueue<Batch> batches)
            throws InterruptedException {
        StringBuilder citizens = new StringBuilder(BATCH * 200);
        StringBuilder cards = new StringBuilder(BATCH * 60);
        long cardCount = 0;
        for (long i = 0; i < count; i++) {
            SyntheticCitizen citizen = SyntheticCitizen.draw(randomFor(existing + i), serials);
            appendCitizen(citizens, citizen);
            for (SyntheticCitizen.Card card : citizen.cards()) {
                appendCard(cards, citizen, card);
                cardCount++;
            }
            if ((i + 1) % BATCH == 0 || i == count - 1) {
                batches.put(new Batch(citizens.toString(), cards.toString(), i + 1, cardCount));
                citizens.setLength(0);
                cards.setLength(0);
                cardCount = 0;
            }
        }
        batches.put(Batch.END);
    }

    /** The next batch; a failure of the producer surfaces here instead of a wait forever. */
    private static Batch next(BlockingQueue<Batch> batches, Future<?> production) throws SQLException {
        try {
            while (true) {
                Batch batch = batches.poll(100, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    return batch;
                }
                if (production.isDone()) {
                    production.get(); // throws what the producer threw
                    Batch last = batches.poll();
                    return last != null ? last : Batch.END;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while generating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating the population failed", e.getCause());
        }
    }

    private static void copy(CopyManager copy, Batch batch, boolean freeze) throws SQLException {
        String options = freeze ? " FROM STDIN WITH (FORMAT csv, FREEZE)" : " FROM STDIN WITH (FORMAT csv)";
        try {
            copy.copyIn("COPY citizen (id_number, full_name, birth_date, sex, nationality, ethnicity, religion, "
                    + "place_of_origin, place_of_residence, eid_level, life_status, blocked)" + options,
                    new StringReader(batch.citizenCsv()));
            if (!batch.cardCsv().isEmpty()) {
                copy.copyIn("COPY card (id_number, card_number, issue_date, expiry_date, status)" + options,
                        new StringReader(batch.cardCsv()));
            }
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    private static void appendCitizen(StringBuilder out, SyntheticCitizen c) {
        out.append(c.idNumber().value()).append(',');
        csv(out, c.fullName()).append(',').append(c.birthDate()).append(',')
                .append(c.sex() == vn.dinhdanh.population.idnumber.Sex.MALE ? 'M' : 'F').append(",VN,");
        csv(out, c.ethnicity()).append(',');
        csv(out, c.religion()).append(',');
        csv(out, c.placeOfOrigin()).append(',');
        csv(out, c.placeOfResidence()).append(',');
        out.append(c.eidLevel()).append(',').append(c.deceased() ? "deceased" : "alive").append(',')
                .append(c.blocked()).append('\n');
    }

    private static void appendCard(StringBuilder out, SyntheticCitizen c, SyntheticCitizen.Card card) {
        out.append(c.idNumber().value()).append(',').append(card.cardNumber()).append(',').append(card.issueDate()).append(',')
                .append(card.expiryDate() == null ? "" : card.expiryDate().toString()).append(',').append(card.status()).append('\n');
    }

    /** CSV field: always quoted, quotes doubled. */
    private static StringBuilder csv(StringBuilder out, String value) {
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
