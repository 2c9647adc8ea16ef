package vn.dinhdanh.bench.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.chip.SandboxChips;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.Variant;

/**
 * Virtual CCCD cards for the chip logins, made before the timed phases (keys, files, the Document Signer's
 * signature): of citizens who may log in and whose newest card is active for a year more, as the registry says, signed
 * by the sandbox's test PKI, with an EC P-256 Active Authentication key (the driver's one signature per login).
 */
final class Cards {

    private static final String HOLDERS = "SELECT c.id_number FROM citizen c LEFT JOIN LATERAL (SELECT status, expiry_date FROM card"
            + " WHERE card.id_number = c.id_number ORDER BY issue_date DESC LIMIT 1) k ON true WHERE c.life_status = 'alive'"
            + " AND NOT c.blocked AND k.status = 'active' AND k.expiry_date > now() + interval '1 year'"
            + " ORDER BY md5(c.id_number || ?) LIMIT ?";

    private Cards() {
    }

    static List<ChipLogin.Card> prepare(Database registry, TestPki pki, int count, long seed, Set<String> taken) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(registry.jdbcUrl());
        dataSource.setUser(registry.username());
        dataSource.setPassword(registry.password());
        RegistryClient client = new RegistryClient(dataSource);
        List<ChipLogin.Card> cards = new ArrayList<>(count);
        try (Connection connection = DriverManager.getConnection(registry.jdbcUrl(), registry.username(), registry.password());
             PreparedStatement query = connection.prepareStatement(HOLDERS)) {
            query.setString(1, Long.toString(seed));
            query.setInt(2, count * 3 + taken.size());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next() && cards.size() < count) {
                    String number = rows.getString(1);
                    if (taken.contains(number)) {
                        continue;
                    }
                    var record = client.find(PersonalIdNumber.parse(number));
                    if (record.isEmpty() || record.get().card() == null || record.get().card().expiryDate() == null) {
                        continue;
                    }
                    cards.add(new ChipLogin.Card(number, SandboxChips.chip(pki, SandboxChips.holder(record.get()), Variant.GENUINE,
                            ActiveAuthKey.EC_P256_PLAIN)));
                }
            }
        } catch (SQLException e) {
            throw new SandboxException("cannot read the registry: " + e.getMessage(), e);
        } catch (InvalidIdNumberException e) {
            throw new IllegalStateException("the registry holds a malformed ID number", e);
        }
        if (cards.size() < count) {
            throw new SandboxException("the registry has only " + cards.size() + " card holders for the chip logins; give more --citizens");
        }
        return cards;
    }
}
