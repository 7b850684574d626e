package io.purplesector.collector.demo.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.demo.DemoProperties;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends each record to its user's topic, keyed by session. Sends are asynchronous (the producer
 * batches, compresses and retries idempotently); a send that finally fails is counted and logged
 * with its session, never waited for on the generating thread.
 */
@Component
public class FramePublisher {

    static final String SOURCE = "collector-demo";

    private static final Logger log = LoggerFactory.getLogger(FramePublisher.class);

    private final KafkaTemplate<String, TelemetryRecord> kafka;
    private final String telemetryTopic;
    private final Counter collected;
    private final Counter published;
    private final Counter errors;

    FramePublisher(KafkaTemplate<String, TelemetryRecord> kafka, DemoProperties properties, MeterRegistry registry) {
        this.kafka = kafka;
        this.telemetryTopic = properties.telemetryTopic();
        this.collected = Counter.builder("collector.frames.collected")
                .description("Frames generated").tag("source", SOURCE).register(registry);
        this.published = Counter.builder("collector.frames.published")
                .description("Frames acknowledged by the broker").tag("source", SOURCE).register(registry);
        this.errors = Counter.builder("collector.errors")
                .description("Records that could not be published").tag("source", SOURCE).tag("kind", "publish")
                .register(registry);
    }

    public void publish(TelemetryRecord record) {
        ProducerRecord<String, TelemetryRecord> producerRecord =
                TelemetryRecords.producerRecord(telemetryTopic, SOURCE, record);
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

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        kafka.flush();
    }
}
