package io.purplesector.dbconsumer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.purplesector.dbconsumer.store.SessionStore.NewSession;
import io.purplesector.dbconsumer.store.SessionStore.SessionKey;
import io.purplesector.testsupport.TestDatabase;
import io.purplesector.testsupport.TestPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema against the rules of a distributed PostgreSQL (Citus), on a real PostgreSQL: each
 * table spread over workers holds the column it is spread by in every unique key, and a foreign
 * key joins only tables spread alike, on that column; a table the rules do not place fails here
 * until it is placed; and where Citus is installed (a stand-in here) the migrations spread the
 * tables as planned. And the sessions stored before their keys moved to {@code session_keys} are
 * found as before.
 */
class DistributedSchemaIT {

    /** Each spread table, the column it is spread by and the tables it lives beside (V5). */
    private static final Map<String, Spread> SPREAD = Map.of(
            "sessions", new Spread("id", "session"),
            "laps", new Spread("session_ref", "session"),
            "telemetry_frames", new Spread("session_ref", "session"),
            "session_keys", new Spread("user_id", "user"));
    /** Small tables that stay on the coordinator. */
    private static final Set<String> COORDINATOR = Set.of("consumer_offsets", "dead_letter_outbox",
            "flyway_schema_history");

    private record Spread(String column, String colocation) {
    }

    private record Key(String table, String name, List<String> columns) {
    }

    private record ForeignKey(String table, List<String> columns, String referenced, List<String> referencedColumns) {
    }

    @Test
    void everyUniqueKeyHoldsItsTablesSpreadColumnAndForeignKeysJoinOnlyTablesSpreadAlike() {
        JdbcClient jdbc = JdbcClient.create(migrated(null));

        List<String> tables = jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                .query(String.class).list();
        assertThat(tables).as("every table is spread or kept on the coordinator")
                .allMatch(table -> SPREAD.containsKey(table) || COORDINATOR.contains(table));

        List<Key> uniqueKeys = jdbc.sql("""
                SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,
                       %s
                FROM pg_index i WHERE i.indisunique AND i.indrelid::regclass::text = ANY(?)"""
                .formatted(columnNames("i.indkey", "i.indrelid")))
                .param(SPREAD.keySet().toArray(String[]::new))
                .query((rs, row) -> new Key(rs.getString(1), rs.getString(2), names(rs.getArray(3))))
                .list();
        assertThat(uniqueKeys).extracting(Key::table).containsAll(SPREAD.keySet());
        assertThat(uniqueKeys).allSatisfy(key -> assertThat(key.columns()).as(key.name())
                .contains(SPREAD.get(key.table()).column()));

        List<ForeignKey> foreignKeys = jdbc.sql("""
                SELECT c.conrelid::regclass::text,
                       %s,
                       c.confrelid::regclass::text,
                       %s
                FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(?)"""
                .formatted(columnNames("c.conkey", "c.conrelid"), columnNames("c.confkey", "c.confrelid")))
                .param(SPREAD.keySet().toArray(String[]::new))
                .query((rs, row) -> new ForeignKey(rs.getString(1), names(rs.getArray(2)), rs.getString(3),
                        names(rs.getArray(4))))
                .list();
        assertThat(foreignKeys).extracting(ForeignKey::table).contains("laps");
        assertThat(foreignKeys).allSatisfy(key -> {
            Spread from = SPREAD.get(key.table());
            Spread to = SPREAD.get(key.referenced());
            assertThat(to).as("%s references a spread table", key.table()).isNotNull();
            assertThat(to.colocation()).as("%s and %s are spread alike", key.table(), key.referenced())
                    .isEqualTo(from.colocation());
            assertThat(key.columns()).containsExactly(from.column());
            assertThat(key.referencedColumns()).containsExactly(to.column());
        });
    }

    @Test
    void aSessionStoredBeforeItsKeyMovedIsFoundByItsUserAndIdAndCannotBeCreatedTwice() {
        DataSource dataSource = migrated("3");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long stored = jdbc.sql("""
                INSERT INTO sessions (user_id, session_id, started_at, last_seen_at)
                VALUES ('driver', 'before', now(), now()) RETURNING id""").query(Long.class).single();
        migrations(dataSource).load().migrate();
        SessionStore store = store(dataSource);

        SessionKey before = new SessionKey("driver", "before");
        assertThat(store.find(List.of(before, new SessionKey("driver", "never")))).containsOnlyKeys(before)
                .extractingByKey(before).extracting(SessionStore.StoredSession::id).isEqualTo(stored);
        long next = store.reserveIds(1).get(0);
        assertThatThrownBy(() -> store.create(List.of(new NewSession(next, "driver", "before", 0))))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void onlyThePairsAskedForAreFoundWhereUsersShareSessionIds() {
        SessionStore store = store(migrated(null));
        List<Long> ids = store.reserveIds(3);
        store.create(List.of(new NewSession(ids.get(0), "alice", "one", 0), new NewSession(ids.get(1), "bob", "two", 0),
                new NewSession(ids.get(2), "alice", "two", 0)));

        SessionKey aliceOne = new SessionKey("alice", "one");
        SessionKey bobTwo = new SessionKey("bob", "two");
        var found = store.find(List.of(aliceOne, bobTwo, new SessionKey("bob", "one")));

        assertThat(found).containsOnlyKeys(aliceOne, bobTwo);
        assertThat(found.get(aliceOne).id()).isEqualTo(ids.get(0));
        assertThat(found.get(bobTwo).id()).isEqualTo(ids.get(1));
        assertThat(store.find(List.of())).isEmpty();
    }

    /**
     * V5 against a stand-in for Citus (test resources, {@code citus-stand-in}) that refuses what
     * Citus documents it refuses when a table is distributed and records the rest: the migrations
     * go through and spread each table as planned, the referenced table before its laps.
     */
    @Test
    void whereCitusIsInstalledTheMigrationsSpreadTheTablesBySession() throws Exception {
        assumeFalse(TestPostgres.isExternal(), "the stand-in is installed into the embedded server's files");
        TestDatabase database = TestPostgres.createDatabase();
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        Path extensions = Path.of(jdbc.sql("SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
                .query(String.class).single(), "extension");
        for (String file : List.of("citus.control", "citus--0.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/citus-stand-in/" + file)) {
                Files.copy(in, extensions.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jdbc.sql("CREATE EXTENSION citus").update();

        migrations(database.dataSource()).load().migrate();

        List<String> spread = jdbc.sql("""
                SELECT relation::text || ' by ' || column_name || ' in ' || colocation FROM distributed_tables
                ORDER BY distributed""").query(String.class).list();
        assertThat(spread).containsExactly("sessions by id in bigint", "laps by session_ref in bigint",
                "telemetry_frames by session_ref in bigint", "session_keys by user_id in text");
    }

    /** A new database migrated to {@code target}, or to the newest version when that is null. */
    private static DataSource migrated(@Nullable String target) {
        DataSource dataSource = TestPostgres.createDatabase().dataSource();
        FluentConfiguration flyway = migrations(dataSource);
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
        return dataSource;
    }

    private static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    /** The SQL for the names of the columns numbered in {@code numbers} of {@code relation}. */
    private static String columnNames(String numbers, String relation) {
        return "array(SELECT a.attname FROM unnest(" + numbers + ") k JOIN pg_attribute a ON a.attrelid = "
                + relation + " AND a.attnum = k)::text[]";
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static SessionStore store(DataSource dataSource) {
        return new SessionStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), JsonMapper.builder().build());
    }
}
