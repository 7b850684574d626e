package io.purplesector.telemetry.proto.kafka;

import java.util.regex.Pattern;

/**
 * Names of Purple Sector's topics.
 *
 * <p>Frames of a user go to that user's own topic, {@code telemetry-user-<userId>}, so that
 * access and retention can be managed per user; frames without a user go to the shared
 * {@code telemetry} topic.
 */
public final class Topics {

    /** Default name of the shared telemetry topic (frames that carry no user). */
    public static final String TELEMETRY = "telemetry";

    /** Default name of the topic of requests from dashboards to collectors. */
    public static final String COMMANDS = "commands";

    /** Prefix of every per-user telemetry topic. */
    public static final String USER_TOPIC_PREFIX = "telemetry-user-";

    /** Kafka's limit on the length of a topic name. */
    static final int MAX_TOPIC_NAME_LENGTH = 249;

    /** The longest user id: what Kafka's topic name limit leaves after the prefix. */
    public static final int MAX_USER_ID_LENGTH = MAX_TOPIC_NAME_LENGTH - USER_TOPIC_PREFIX.length();

    /*
     * Kafka allows '.', '_', '-' and ASCII letters and digits in topic names, but treats '.' and
     * '_' as the same character in metric names and refuses a topic that collides with an
     * existing one that way. Allowing only one of the two keeps every user id its own topic.
     */
    private static final String USER_ID_CHARACTERS = "[A-Za-z0-9_-]";

    private static final Pattern USER_ID =
            Pattern.compile(USER_ID_CHARACTERS + "{1," + MAX_USER_ID_LENGTH + "}");

    /** Matches every per-user telemetry topic and nothing else. */
    public static final Pattern USER_TOPIC_PATTERN =
            Pattern.compile(Pattern.quote(USER_TOPIC_PREFIX) + USER_ID_CHARACTERS + "+");

    private Topics() {
    }

    /**
     * The telemetry topic of one user.
     *
     * @throws InvalidUserIdException when the id cannot be part of a topic name; an id is never
     *         rewritten, since two different ids must never share a topic
     */
    public static String userTopic(String userId) {
        return USER_TOPIC_PREFIX + requireValidUserId(userId);
    }

    /**
     * The user whose records a telemetry topic holds: the id a per-user topic names, or {@code ""}
     * (no user) for any other topic, the shared one included.
     */
    public static String userOf(String topic) {
        return USER_TOPIC_PATTERN.matcher(topic).matches() ? topic.substring(USER_TOPIC_PREFIX.length()) : "";
    }

    /**
     * Returns the user id when it can name a topic.
     *
     * @throws InvalidUserIdException naming the id and the rule otherwise
     */
    public static String requireValidUserId(String userId) {
        if (!USER_ID.matcher(userId).matches()) {
            throw new InvalidUserIdException(userId, "a user id must be 1 to " + MAX_USER_ID_LENGTH
                    + " characters, each an ASCII letter, a digit, '_' or '-'");
        }
        return userId;
    }
}
