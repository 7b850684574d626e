package io.purplesector.testsupport;

import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every record of some topics from the beginning, as a downstream service would. */
public final class TopicRecords implements AutoCloseable {

    private final KafkaConsumer<String, TelemetryRecord> consumer;
    private final List<ConsumerRecord<String, TelemetryRecord>> seen = new ArrayList<>();

    public TopicRecords(List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // The collector may create the topics just after this subscribes: look again soon
                // rather than after the default five minutes.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500),
                new StringDeserializer(), new TelemetryRecordDeserializer());
        consumer.subscribe(topics);
    }

    /** Everything read so far, after one more poll. */
    public List<ConsumerRecord<String, TelemetryRecord>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
