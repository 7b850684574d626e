package io.purplesector.kafkasetup;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The cluster is not usable for Purple Sector. The message is the one line an operator reads:
 * what was being done and why it failed, without a stack trace.
 */
final class SetupFailedException extends RuntimeException {

    SetupFailedException(String reason) {
        super(reason);
    }

    SetupFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Waits for a Kafka request, turning its failure into a one-line reason. */
    static <T> T await(KafkaFuture<T> future, String activity) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupFailedException(activity + ": interrupted", e);
        } catch (ExecutionException e) {
            throw of(activity, e.getCause() == null ? e : e.getCause());
        }
    }

    /** A failure of {@code activity} explained by its cause. */
    static SetupFailedException of(String activity, Throwable cause) {
        return new SetupFailedException(activity + ": " + explain(cause), cause);
    }

    static String explain(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "no answer within the timeout (" + firstLine(cause) + ")";
        }
        if (cause instanceof AuthorizationException) {
            return "not allowed (" + firstLine(cause) + ")";
        }
        String explanation = cause.getClass().getSimpleName() + ": " + firstLine(cause);
        Throwable root = rootCause(cause);
        // Kafka wraps the telling reason ("No resolvable bootstrap urls ...") in a generic one.
        return root == cause ? explanation
                : explanation + " (" + root.getClass().getSimpleName() + ": " + firstLine(root) + ")";
    }

    private static Throwable rootCause(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
