package io.purplesector.localstack;

/** Why the stack cannot start, in one line for the person who started it. */
final class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
