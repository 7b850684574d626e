package io.purplesector.kafkasetup;

import java.util.List;

/**
 * What kafka-setup found and did for one topic.
 *
 * @param name the topic
 * @param partitions partitions it has now
 * @param replicationFactor copies of each partition it has now
 * @param result the verdict
 * @param details one line per setting created, changed or left different from the configuration
 */
record TopicOutcome(String name, int partitions, int replicationFactor, Result result, List<String> details) {

    enum Result {
        /** The topic did not exist and was created as configured. */
        CREATED,
        /** The topic differed from the configuration and was brought in line. */
        UPDATED,
        /** The topic was as configured. */
        UNCHANGED,
        /** The topic differs in a way that is not changed automatically; the details say how. */
        DRIFT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
