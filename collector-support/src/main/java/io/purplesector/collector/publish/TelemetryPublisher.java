package io.purplesector.collector.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A collector's way into Kafka: each record to its user's topic, keyed by session, with the
 * contract's headers. Sends are asynchronous (the producer batches, compresses and retries
 * idempotently); a send that finally fails is counted and logged with its session, never waited
 * for on the collecting thread.
 */
public class TelemetryPublisher {

    private static final Logger log = LoggerFactory.getLogger(TelemetryPublisher.class);

    private final KafkaTemplate<String, TelemetryRecord> kafka;
    private final String telemetryTopic;
    private final String source;
    private final Counter collected;
    private final Counter published;
    private final Counter errors;

    /**
     * @param telemetryTopic the shared topic, for records of no user
     * @param source the collector, in the records' source header and the metrics' tag
     */
    public TelemetryPublisher(KafkaTemplate<String, TelemetryRecord> kafka, String telemetryTopic, String source,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.telemetryTopic = telemetryTopic;
        this.source = source;
        this.collected = Counter.builder("collector.frames.collected")
                .description("Frames generated").tag("source", source).register(registry);
        this.published = Counter.builder("collector.frames.published")
                .description("Frames acknowledged by the broker").tag("source", source).register(registry);
        this.errors = Counter.builder("collector.errors")
                .description("Records that could not be published").tag("source", source).tag("kind", "publish")
                .register(registry);
    }

    public void publish(TelemetryRecord record) {
        ProducerRecord<String, TelemetryRecord> producerRecord =
                TelemetryRecords.producerRecord(telemetryTopic, source, record);
        boolean frame = record.hasFrame();
        if (frame) {
            collected.increment();
        }
        kafka.send(producerRecord).whenComplete((result, failure) -> {
            if (failure != null) {
                errors.increment();
                log.warn("Could not publish {} of session {} to {}: {}", record.getPayloadCase(),
                        producerRecord.key(), producerRecord.topic(), failure.getMessage());
            } else if (frame) {
                published.increment();
            }
        });
    }

    /**
     * Fetches the user's topic's metadata now, so that the first record does not wait for it on
     * the collecting thread (a send blocks until the producer knows the topic's partitions).
     */
    public void prepare(String userId) {
        kafka.partitionsFor(userId.isEmpty() ? telemetryTopic : Topics.userTopic(userId));
    }

    /** Frames the broker has acknowledged so far. */
    public long framesPublished() {
        return (long) published.count();
    }

    /** Records that could not be published so far. */
    public long errors() {
        return (long) errors.count();
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        kafka.flush();
    }
}
