package io.purplesector.dbconsumer.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.dbconsumer.store.FrameRows;
import io.purplesector.testsupport.TestDatabase;
import io.purplesector.testsupport.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The channel table against the migrations, on a real PostgreSQL: every column the table writes
 * exists with the type its kind needs, and the frames table has no column the table does not
 * write (a migration without its line, or a line without its migration, fails here).
 */
class ChannelColumnsIT {

    private static final Map<Channel.Kind, String> TYPES = Map.of(
            Channel.Kind.TIME, "timestamp with time zone",
            Channel.Kind.FLOAT4, "real",
            Channel.Kind.INT4, "integer",
            Channel.Kind.ENUM, "integer",
            Channel.Kind.BOOL, "boolean",
            Channel.Kind.WHEELS, "real");

    @Test
    void theFramesTableHasExactlyTheChannelsColumnsWithTheirTypes() {
        TestDatabase database = TestPostgres.createDatabase();
        DataSource dataSource = database.dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        Map<String, String> columns = JdbcClient.create(dataSource).sql("""
                SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'telemetry_frames'""")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(columns.keySet()).containsExactlyInAnyOrderElementsOf(FrameRows.COLUMNS);
        for (Channel channel : Channel.all()) {
            List<String> names = channel.columns();
            assertThat(names).allSatisfy(name -> assertThat(columns.get(name)).as(name)
                    .isEqualTo(TYPES.get(channel.kind())));
        }
    }
}
