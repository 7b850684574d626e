package io.purplesector.dbconsumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

class OutagesTest {

    @Test
    void postgresqlsOwnWordDecides() {
        assertThat(Outages.isOutage(new DataAccessResourceFailureException("insert",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE))))
                .isTrue();
        assertThat(Outages.isOutage(new DataIntegrityViolationException("insert",
                new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION))))
                .isFalse();
    }

    /**
     * As a database crashing mid-transaction does it: the statement fails on the broken
     * connection, then the rollback fails on the closed one, with no SQLSTATE, and its exception
     * is the one thrown. Taken for a fault of the records, the batch would count towards being
     * stored apart; it is an outage, tried again without limit.
     */
    @Test
    void aRollbackThatFailsAfterTheDatabaseWentAwayIsAnOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed."));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("PreparedStatementCallback",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
                        new SocketException("Broken pipe"))));

        assertThat(Outages.isOutage(rollbackFailed)).isTrue();
    }

    @Test
    void aRollbackThatFailsAfterTheRecordsDidIsNoOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed."));
        rollbackFailed.initApplicationException(new DataIntegrityViolationException("insert",
                new PSQLException("value too long for type character varying(128)", PSQLState.STRING_DATA_RIGHT_TRUNCATION)));

        assertThat(Outages.isOutage(rollbackFailed)).isFalse();
    }

    /** Causes that lead back to each other end the search instead of recursing without end. */
    @Test
    void aRollbackFailureThatIsItsOwnApplicationExceptionsCauseEndsTheSearch() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed."));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("commit", rollbackFailed));

        assertThat(Outages.isOutage(rollbackFailed)).isTrue();
    }
}
