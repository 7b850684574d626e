package io.purplesector.collector.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The beans every collector publishes with, configured under {@code purplesector.collector}: the
 * publisher, its health and the creation of users' topics; and how a collector that takes commands
 * treats one it cannot read. A collector that brings this module has them.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CollectorAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    UserTopics userTopics(KafkaAdmin kafkaAdmin, CollectorProperties properties) {
        return new UserTopics(kafkaAdmin, properties.userTopic()::definition);
    }

    /**
     * The publisher serializes each record itself when it is handed over (see
     * {@link TelemetryPublisher}), so the collector's producer sends session ids and bytes,
     * whatever {@code spring.kafka.producer.*-serializer} says.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer telemetryPublisherSerializers() {
        return factory -> {
            @SuppressWarnings("unchecked")
            DefaultKafkaProducerFactory<String, byte[]> publisherFactory =
                    (DefaultKafkaProducerFactory<String, byte[]>) factory;
            publisherFactory.setKeySerializer(new StringSerializer());
            publisherFactory.setValueSerializer(new ByteArraySerializer());
        };
    }

    @Bean
    @ConditionalOnMissingBean
    TelemetryPublisher telemetryPublisher(KafkaTemplate<String, byte[]> kafka, CollectorProperties properties,
            MeterRegistry registry) {
        return new TelemetryPublisher(kafka, properties.telemetryTopic(), properties.source(),
                properties.pendingRecords(), properties.whenFull() == CollectorProperties.WhenFull.DROP, registry);
    }

    /**
     * A command that cannot be read or applied is counted, logged with its offset and skipped: a
     * stale or broken command is worth nothing later, so it is neither retried nor parked.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler commandErrorHandler(CollectorProperties properties, MeterRegistry registry) {
        Counter rejected = Counter.builder("collector.errors").tag("source", properties.source())
                .tag("kind", "command").description("Commands that could not be read or applied").register(registry);
        return new DefaultErrorHandler((record, failure) -> {
            rejected.increment();
            log.warn("Skipped command at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    failure.getMessage());
        }, new FixedBackOff(0, 0));
    }

    /** The publisher's health, where the collector serves health (it brings actuator). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AbstractHealthIndicator.class)
    static class PublisherHealth {

        @Bean
        @ConditionalOnMissingBean(name = "publisherHealthIndicator")
        PublisherHealthIndicator publisherHealthIndicator(TelemetryPublisher publisher, CollectorProperties properties) {
            return new PublisherHealthIndicator(publisher, properties.degradedFor(), Clock.systemUTC());
        }
    }
}
