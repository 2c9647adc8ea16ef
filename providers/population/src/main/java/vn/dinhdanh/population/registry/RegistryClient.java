package vn.dinhdanh.population.registry;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.idnumber.Sex;

/**
 * Read-only queries on the registry, each served by an index (see the migrations and
 * {@code RegistryQueryPlansTest}). Prepared statements only; input is validated before it gets here.
 */
public final class RegistryClient {

    /** Upper bound of one search page: no unbounded result sets. */
    public static final int MAX_PAGE = 100;
    /** Longest name prefix a search accepts. */
    public static final int MAX_PREFIX = 100;

    static final String COLUMNS = "c.id_number, c.full_name, c.birth_date, c.sex, c.nationality, c.ethnicity, c.religion, "
            + "c.place_of_origin, c.place_of_residence, c.eid_level, c.life_status, c.blocked, c.updated_at, "
            + "k.card_number, k.issue_date, k.expiry_date, k.status";
    static final String NEWEST_CARD = " LEFT JOIN LATERAL (SELECT card_number, issue_date, expiry_date, status FROM card "
            + "WHERE card.id_number = c.id_number ORDER BY issue_date DESC LIMIT 1) k ON true";

    static final String BY_ID_NUMBER = "SELECT " + COLUMNS + " FROM citizen c" + NEWEST_CARD + " WHERE c.id_number = ?";
    static final String BY_NAME_PREFIX = "SELECT " + COLUMNS + " FROM citizen c" + NEWEST_CARD
            + " WHERE lower(c.full_name) LIKE ? ORDER BY lower(c.full_name), c.id_number LIMIT ? OFFSET ?";
    static final String CHANGES_SINCE = "SELECT seq, id_number FROM citizen_change WHERE seq > ? ORDER BY seq LIMIT ?";
    static final String LAST_CHANGE = "SELECT coalesce(max(seq), 0) FROM citizen_change";

    private final ConnectionSource connections;

    public RegistryClient(ConnectionSource connections) {
        this.connections = connections;
    }

    public RegistryClient(DataSource dataSource) {
        this(ConnectionSource.of(dataSource));
    }

    public Optional<CitizenRecord> find(PersonalIdNumber idNumber) {
        return query(BY_ID_NUMBER, query -> query.setString(1, idNumber.value()), RegistryClient::read).stream().findFirst();
    }

    /**
     * Citizens whose full name starts with {@code prefix} (case-insensitive), in name order.
     * {@code max} is capped at {@link #MAX_PAGE}; an empty or overlong prefix finds nothing.
     */
    public List<CitizenRecord> searchByNamePrefix(String prefix, int first, int max) {
        String trimmed = prefix == null ? "" : prefix.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_PREFIX || max <= 0) {
            return List.of();
        }
        return query(BY_NAME_PREFIX, query -> {
            query.setString(1, likePrefix(trimmed.toLowerCase(java.util.Locale.ROOT)));
            query.setInt(2, Math.min(max, MAX_PAGE));
            query.setInt(3, Math.max(first, 0));
        }, RegistryClient::read);
    }

    /** A change of the feed: its sequence number and the citizen it concerns. */
    public record Change(long seq, String idNumber) {
    }

    public List<Change> changesSince(long seq, int max) {
        return query(CHANGES_SINCE, query -> {
            query.setLong(1, seq);
            query.setInt(2, max);
        }, rows -> new Change(rows.getLong(1), rows.getString(2)));
    }

    public long lastChange() {
        return query(LAST_CHANGE, query -> { }, rows -> rows.getLong(1)).get(0);
    }

    private interface Binder {
        void bind(PreparedStatement query) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs one prepared query; any failure of the registry becomes {@link RegistryUnavailableException}. */
    private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        try {
            return connections.withConnection(connection -> {
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    binder.bind(query);
                    List<T> rows = new ArrayList<>();
                    try (ResultSet result = query.executeQuery()) {
                        while (result.next()) {
                            rows.add(reader.read(result));
                        }
                    }
                    return rows;
                }
            });
        } catch (SQLException | RuntimeException e) {
            throw new RegistryUnavailableException(e);
        }
    }

    /** LIKE pattern for "starts with": the input's own %, _ and \ match literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static CitizenRecord read(ResultSet rows) throws SQLException {
        PersonalIdNumber id;
        try {
            id = PersonalIdNumber.parse(rows.getString(1));
        } catch (InvalidIdNumberException e) {
            throw new SQLException("registry holds a malformed personal identification number", e);
        }
        String cardNumber = rows.getString(14);
        CitizenRecord.Card card = cardNumber == null ? null : new CitizenRecord.Card(cardNumber,
                rows.getDate(15).toLocalDate(), toLocalDate(rows.getDate(16)), CitizenRecord.CardStatus.of(rows.getString(17)));
        Timestamp updated = rows.getTimestamp(13);
        return new CitizenRecord(id, rows.getString(2), rows.getDate(3).toLocalDate(),
                "M".equals(rows.getString(4)) ? Sex.MALE : Sex.FEMALE, rows.getString(5), rows.getString(6),
                rows.getString(7), rows.getString(8), rows.getString(9), rows.getInt(10),
                "deceased".equals(rows.getString(11)), rows.getBoolean(12), updated.toInstant(), card);
    }

    private static java.time.LocalDate toLocalDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
