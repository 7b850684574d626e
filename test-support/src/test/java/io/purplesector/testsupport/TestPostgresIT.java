package io.purplesector.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresIT {

    @Test
    void eachCallerGetsItsOwnEmptyDatabase() throws SQLException {
        TestDatabase first = TestPostgres.createDatabase();
        TestDatabase second = TestPostgres.createDatabase();
        execute(first, "CREATE TABLE sessions (id text PRIMARY KEY)");

        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(query(first, "SELECT current_database()")).isEqualTo(first.name());
        assertThat(query(second, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sessions'"))
                .isEqualTo("0");
    }

    @Test
    void serverIsPostgres17UnlessExternal() throws SQLException {
        String major = query(TestPostgres.createDatabase(), "SHOW server_version_num").substring(0, 2);

        if (!TestPostgres.isExternal()) {
            assertThat(major).isEqualTo("17");
        }
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
