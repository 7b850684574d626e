package io.purplesector.dbconsumer.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/** Sends frame rows to PostgreSQL with binary COPY, on the connection of the current transaction. */
@Component
public class FrameCopier {

    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;

    FrameCopier(DataSource dataSource) {
        this.dataSource = dataSource;
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /**
     * Copies the stream's rows into {@code telemetry_frames}.
     *
     * @return the number of rows PostgreSQL stored
     * @throws DataAccessException as JDBC operations do, so that transient failures are retried alike
     */
    public long copy(FrameRows.CopyStream stream) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(FrameRows.COPY_SQL);
            try {
                copy.writeToCopy(stream.bytes(), 0, stream.length());
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            DataAccessException translated = translator.translate("COPY telemetry_frames", FrameRows.COPY_SQL, e);
            throw translated != null ? translated : new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
