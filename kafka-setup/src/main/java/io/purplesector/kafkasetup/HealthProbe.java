package io.purplesector.kafkasetup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Proves the cluster can take and serve data: produces one record with the same producer settings
 * as the services (idempotent, {@code acks=all}, LZ4) and reads it back from its offset.
 */
final class HealthProbe {

    /**
     * @param partition where the record was written
     * @param offset at which offset
     * @param roundTrip from send to read-back
     */
    record Result(TopicPartition partition, long offset, Duration roundTrip) {
    }

    private final ProducerFactory<String, String> producers;
    private final ConsumerFactory<String, String> consumers;
    private final Duration timeout;

    HealthProbe(ProducerFactory<String, String> producers, ConsumerFactory<String, String> consumers,
            Duration timeout) {
        this.producers = producers;
        this.consumers = consumers;
        this.timeout = timeout;
    }

    Result run(String topic) {
        String marker = "kafka-setup probe " + UUID.randomUUID();
        long started = System.nanoTime();
        RecordMetadata written = produce(topic, marker);
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        readBack(partition, written.offset(), marker);
        return new Result(partition, written.offset(), Duration.ofNanos(System.nanoTime() - started));
    }

    private RecordMetadata produce(String topic, String marker) {
        int timeoutMs = (int) timeout.toMillis();
        // Bounded by the setup's timeout rather than the producer's minutes-long defaults.
        Map<String, Object> bounded = Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        String activity = "producing a probe record to " + topic;
        try (Producer<String, String> producer = producers.copyWithConfigurationOverride(bounded).createProducer()) {
            return producer.send(new ProducerRecord<>(topic, "kafka-setup", marker))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw SetupFailedException.of(activity, e.getCause() == null ? e : e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SetupFailedException(activity + ": not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupFailedException(activity + ": interrupted", e);
        } catch (RuntimeException e) {
            throw SetupFailedException.of(activity, e);
        }
    }

    private void readBack(TopicPartition partition, long offset, String marker) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String activity = "reading the probe record back from " + partition + " at offset " + offset;
        try (Consumer<String, String> consumer = consumers.createConsumer(null, "kafka-setup-probe", null, overrides)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                    if (record.offset() == offset) {
                        if (!marker.equals(record.value())) {
                            throw new SetupFailedException(activity + ": found another record there");
                        }
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof SetupFailedException failure) {
                throw failure;
            }
            throw SetupFailedException.of(activity, e);
        }
        throw new SetupFailedException(activity + ": not seen within " + timeout);
    }
}
