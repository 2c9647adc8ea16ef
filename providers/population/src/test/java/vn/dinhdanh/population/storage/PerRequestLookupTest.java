package vn.dinhdanh.population.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.RegistryClient;

/**
 * Registry reads of one request (one provider, as Keycloak makes one per session) against a real PostgreSQL with the
 * registry's migrations: Keycloak asks for the same citizen several times in one login; the registry is read once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerRequestLookupTest {

    private static final String NUMBER = "001090123456";

    private EmbeddedPostgres postgres;
    private final AtomicInteger reads = new AtomicInteger();
    private RegistryClient registry;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/registry").load().migrate();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO citizen (id_number, full_name, birth_date, sex, ethnicity, religion, place_of_origin,"
                    + " place_of_residence, eid_level) VALUES ('" + NUMBER + "', 'Nguyễn Văn An', '1990-03-04', 'M', 'Kinh', 'Không',"
                    + " 'Hà Nội', 'Số 1 Lê Lợi, Hà Nội', 2)");
        }
        ConnectionSource counting = new ConnectionSource() {
            @Override
            public <T> T withConnection(Work<T> work) throws java.sql.SQLException {
                reads.incrementAndGet();
                try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                    return work.run(connection);
                }
            }
        };
        registry = new RegistryClient(counting);
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }

    /** A realm that only has an id, and a session that is never asked for anything (the adapter keeps them). */
    private static <T> T bare(Class<T> type, String id) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getName().equals("getId") ? id : null));
    }

    private static ComponentModel model() {
        ComponentModel model = new ComponentModel();
        model.setId("population-registry");
        return model;
    }

    private PopulationUserStorageProvider provider() {
        return new PopulationUserStorageProvider(bare(KeycloakSession.class, null), model(), registry);
    }

    @Test
    @DisplayName("one request asking for a citizen by number and by id, again and again, reads the registry once")
    void oncePerRequest() {
        RealmModel realm = bare(RealmModel.class, "realm-a");
        PopulationUserStorageProvider request = provider();
        int before = reads.get();

        UserModel byNumber = request.getUserByUsername(realm, NUMBER);
        UserModel byId = request.getUserById(realm, StorageId.keycloakId(model(), NUMBER));
        request.getUserByUsername(realm, " " + NUMBER + " ");

        assertThat(byNumber).isNotNull().isSameAs(byId);
        assertThat(reads.get() - before).isEqualTo(1);
    }

    @Test
    @DisplayName("nobody under a number is remembered for the request too; the next request reads the registry again")
    void nobodyAndNextRequest() {
        RealmModel realm = bare(RealmModel.class, "realm-a");
        PopulationUserStorageProvider first = provider();
        int before = reads.get();
        assertThat(first.getUserByUsername(realm, "079185000001")).isNull();
        assertThat(first.getUserByUsername(realm, "079185000001")).isNull();
        assertThat(reads.get() - before).isEqualTo(1);

        PopulationUserStorageProvider next = provider();
        next.getUserByUsername(realm, NUMBER);
        next.getUserByUsername(realm, NUMBER);
        assertThat(reads.get() - before).isEqualTo(2);
    }

    @Test
    @DisplayName("the same number in another realm is another answer")
    void perRealm() {
        PopulationUserStorageProvider request = provider();
        int before = reads.get();
        request.getUserByUsername(bare(RealmModel.class, "realm-a"), NUMBER);
        request.getUserByUsername(bare(RealmModel.class, "realm-b"), NUMBER);
        assertThat(reads.get() - before).isEqualTo(2);
    }
}
