package io.purplesector.dbconsumer.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.dbconsumer.DbConsumerProperties;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends records that cannot be stored to the dead-letter topic, unchanged, with Spring Kafka's
 * headers (original topic, partition, offset, exception) and a {@value #REASON_HEADER} header.
 * Waits for the broker's acknowledgement: the letter leaves the outbox only after that
 * ({@link DeadLetterRelay}).
 */
@Component
public class DeadLetters {

    /** Header with the {@link DeadLetterReason}, for counting and filtering. */
    public static final String REASON_HEADER = "deadLetterReason";

    /** Header of a dead letter sent without the key and value it was too large with. */
    public static final String TRUNCATED_HEADER = "deadLetterTruncated";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);

    DeadLetters(KafkaOperations<Object, Object> kafka, DbConsumerProperties properties, MeterRegistry meters) {
        // One dead-letter topic for all: "<topic>-dlt" of a user topic would match the user topics' pattern.
        this.recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        this.recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            if (exception instanceof DeadLetterException deadLetter) {
                headers.add(REASON_HEADER, deadLetter.reason().name().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(reason, Counter.builder("telemetry.records.dead.lettered")
                    .description("Records sent to the dead-letter topic instead of the database")
                    .tag("reason", reason.name()).register(meters));
        }
    }

    /**
     * Publishes the record to the dead-letter topic and waits until the broker has it. A record
     * too large for the dead-letter topic even so (its topic allows larger records than this one)
     * goes without its key and value, with a {@value #TRUNCATED_HEADER} header saying their sizes:
     * the original-topic headers say where to read it while the topic keeps it.
     */
    public void send(ConsumerRecord<?, ?> record, DeadLetterException reason) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason.getMessage());
        try {
            recoverer.accept(record, null, reason);
        } catch (KafkaException e) {
            if (!tooLarge(e)) {
                throw e;
            }
            ConsumerRecord<?, ?> stripped = new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.timestampType(), -1, -1, null, null, record.headers(),
                    Optional.empty());
            stripped.headers().add(TRUNCATED_HEADER, ("key " + size(record.key()) + " bytes, value "
                    + size(record.value()) + " bytes").getBytes(StandardCharsets.UTF_8));
            recoverer.accept(stripped, null, reason);
        }
        counters.get(reason.reason()).increment();
    }

    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static int size(@Nullable Object keyOrValue) {
        return keyOrValue instanceof byte[] bytes ? bytes.length : 0;
    }
}
