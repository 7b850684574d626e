package io.purplesector.dbconsumer.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Runs binary COPYs of frames on the connection of the current transaction, and turns their
 * {@link SQLException}s into Spring's {@link DataAccessException}s like every other statement, so
 * that a failed COPY is retried as any failed batch is.
 */
@Component
public class FrameCopier {

    /** What is done with an open COPY. */
    @FunctionalInterface
    public interface CopyWork<T> {
        T run(FrameCopy copy) throws SQLException;
    }

    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;
    /** Reused from batch to batch: only the one consumer thread copies. */
    private final CopyBuffer buffer = new CopyBuffer();

    public FrameCopier(DataSource dataSource) {
        this.dataSource = dataSource;
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /** Opens a COPY, lets {@code work} fill it, and finishes it. */
    public <T> T copy(CopyWork<T> work) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        @Nullable FrameCopy copy = null;
        try {
            copy = new FrameCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(FrameRows.COPY_SQL), buffer);
            T result = work.run(copy);
            copy.finish();
            return result;
        } catch (SQLException e) {
            cancelQuietly(copy, e);
            DataAccessException translated = translator.translate("COPY telemetry_frames", FrameRows.COPY_SQL, e);
            throw translated != null ? translated : new IllegalStateException(e);
        } catch (RuntimeException e) {
            cancelQuietly(copy, e);
            throw e;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void cancelQuietly(@Nullable FrameCopy copy, Exception cause) {
        if (copy == null) {
            return;
        }
        try {
            copy.cancel();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
