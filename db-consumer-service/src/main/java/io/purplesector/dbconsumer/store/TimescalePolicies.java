package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.DbConsumerProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compression and retention of the frames hypertable, as configured, applied at every start so
 * that a changed setting takes effect; nothing to do on plain PostgreSQL.
 */
@Component
class TimescalePolicies implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TimescalePolicies.class);

    private final JdbcClient jdbc;
    private final DbConsumerProperties.Timescale settings;

    TimescalePolicies(JdbcClient jdbc, DbConsumerProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.timescale();
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean hypertable = jdbc.sql("""
                SELECT count(*) > 0 FROM pg_extension WHERE extname = 'timescaledb'""")
                .query(Boolean.class).single();
        if (!hypertable) {
            log.info("Plain PostgreSQL: frames are indexed by time (BRIN), no compression or retention policy");
            return;
        }
        jdbc.sql("""
                ALTER TABLE telemetry_frames SET (timescaledb.compress,
                    timescaledb.compress_segmentby = 'session_ref', timescaledb.compress_orderby = 'sequence')""")
                .update();
        jdbc.sql("SELECT remove_compression_policy('telemetry_frames', if_exists => true)").query().singleRow();
        jdbc.sql("SELECT add_compression_policy('telemetry_frames', compress_after => ?::interval)")
                .param(interval(settings.compressAfter())).query().singleRow();
        jdbc.sql("SELECT remove_retention_policy('telemetry_frames', if_exists => true)").query().singleRow();
        if (!settings.retention().isZero()) {
            jdbc.sql("SELECT add_retention_policy('telemetry_frames', drop_after => ?::interval)")
                    .param(interval(settings.retention())).query().singleRow();
        }
        log.info("TimescaleDB: frames compressed after {}, kept {}", settings.compressAfter(),
                settings.retention().isZero() ? "forever" : "for " + settings.retention());
    }

    private static String interval(Duration duration) {
        return duration.toSeconds() + " seconds";
    }
}
