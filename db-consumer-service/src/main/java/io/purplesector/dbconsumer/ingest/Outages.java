package io.purplesector.dbconsumer.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failed batch whose cause is an outage (the database or the broker away, busy or
 * restarting: waiting helps, so the batch is tried again without limit and nothing is dropped;
 * Kafka's own word is its {@link RetriableException}s)
 * from one whose cause is in the records themselves or in our code (trying the same batch again
 * gives the same failure, so after a few attempts its failing records are set apart).
 */
final class Outages {

    /**
     * SQLSTATE classes of PostgreSQL errors that say nothing about the data: connection
     * exceptions (08), transaction rollbacks such as deadlocks and serialization failures (40),
     * insufficient resources (53), operator intervention such as a shutdown (57) and system
     * errors (58). Errors of the other classes (22 data exception, 23 integrity constraint
     * violation, 54 program limit exceeded, ...) come back each time the same rows are written.
     */
    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "40", "53", "57", "58");

    private Outages() {
    }

    /** Whether waiting and trying the same batch again can succeed. */
    static boolean isOutage(Throwable failure) {
        // PostgreSQL's own word, where there is one, is the most precise there is.
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return OUTAGE_CLASSES.contains(sql.getSQLState().substring(0, 2));
            }
        }
        for (Throwable cause : chain(failure)) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof RetriableException
                    || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure and its causes, and, where a rollback failed after the work did, what made the
     * work fail: a database that goes away mid-transaction fails the statement and then the
     * rollback, whose own error (a closed connection, often without a SQLSTATE) hides the first.
     */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        addCauses(failure, chain);
        return chain;
    }

    /** One list, so that causes that lead back to each other end it rather than recurse without end. */
    private static void addCauses(Throwable failure, List<Throwable> chain) {
        for (Throwable cause = failure; cause != null && !chain.contains(cause) && chain.size() < 32;
                cause = cause.getCause()) {
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                addCauses(rollback.getApplicationException(), chain);
            }
            if (!chain.contains(cause)) {
                chain.add(cause);
            }
        }
    }
}
