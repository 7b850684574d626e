package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.DbConsumerProperties;
import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How the listener consumes: batch shape, the pause between attempts of a batch, the dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Dead letters are for people to look at: they are kept longer than telemetry. */
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(7);
    static final Duration DEAD_LETTER_SEGMENT = Duration.ofDays(1);
    /** Dead letters are few: three partitions spread them over brokers, no more is needed. */
    static final int DEAD_LETTER_PARTITIONS = 3;

    /**
     * Largest dead letter: room for a record as large as a topic takes by default (1 MiB), key
     * and value both, with the headers that say why. The producer's {@code max.request.size} is
     * the same (application.yml).
     */
    static final int DEAD_LETTER_MAX_BYTES = 8 * 1024 * 1024;

    /**
     * A batch that failed is read again after a pause, the consumer paused in between, as often
     * as {@link RecordIsolation} throws: without limit for an outage (the database being away must
     * stop the stream, never drop from it), a few times for anything else before it sets the
     * failing records apart itself. Records that break the rules never come here: the ingest sends
     * them to the dead-letter topic at once.
     */
    @Bean
    DefaultErrorHandler retryUntilStored(DbConsumerProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        return new DefaultErrorHandler((record, exception) -> {
            throw new IllegalStateException("Unlimited retries ended", exception);
        }, backOff);
    }

    /** The batch settings, expressed as what the Kafka consumer does with them. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer batchShape(DbConsumerProperties properties) {
        DbConsumerProperties.Batch batch = properties.batch();
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch.maxFrames(),
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, batch.maxFrames() * batch.expectedRecordBytes(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) batch.flushInterval().toMillis()));
    }

    /** The dead-letter topic, defined as every other topic is; created (or brought up to date) at start-up. */
    @Bean
    NewTopic deadLetterTopic(DbConsumerProperties properties) {
        return deadLetterTopic(properties.deadLetterTopic()).newTopicWithBrokerReplication();
    }

    static TopicDefinition deadLetterTopic(String name) {
        return new TopicDefinition(name, DEAD_LETTER_PARTITIONS, DEAD_LETTER_RETENTION, DEAD_LETTER_SEGMENT,
                DEAD_LETTER_MAX_BYTES);
    }
}
