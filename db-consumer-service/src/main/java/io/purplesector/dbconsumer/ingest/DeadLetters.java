package io.purplesector.dbconsumer.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.dbconsumer.DbConsumerProperties;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends records that cannot be stored to the dead-letter topic, unchanged, with Spring Kafka's
 * headers (original topic, partition, offset, exception) and a {@value #REASON_HEADER} header.
 * Waits for the broker's acknowledgement: the record's offset is committed only after that.
 */
@Component
public class DeadLetters {

    /** Header with the {@link DeadLetterReason}, for counting and filtering. */
    public static final String REASON_HEADER = "deadLetterReason";

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

    /** Publishes the record to the dead-letter topic and waits until the broker has it. */
    public void send(ConsumerRecord<?, ?> record, DeadLetterException reason) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason.getMessage());
        recoverer.accept(record, null, reason);
        counters.get(reason.reason()).increment();
    }
}
