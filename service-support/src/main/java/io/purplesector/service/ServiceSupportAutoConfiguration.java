package io.purplesector.service;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka in every service's {@code /actuator/health}: Spring Boot checks the database on its own,
 * but has no health indicator for Kafka, nor for whether the service's listeners consume.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@EnableConfigurationProperties(ListenerHealthProperties.class)
public class ServiceSupportAutoConfiguration {

    @Bean("kafka")
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnMissingBean(KafkaHealthIndicator.class)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    /** The progress of the service's Kafka listeners, where it has any. */
    @Bean
    @ConditionalOnBean({KafkaAdmin.class, KafkaListenerEndpointRegistry.class})
    @ConditionalOnMissingBean
    ListenerProgress listenerProgress(KafkaListenerEndpointRegistry registry, KafkaAdmin kafkaAdmin,
            ListenerHealthProperties settings, ObjectProvider<MeterRegistry> meters) {
        return new ListenerProgress(registry, kafkaAdmin, settings, meters.getIfAvailable(), Clock.systemUTC());
    }

    @Bean("listeners")
    @ConditionalOnBean(ListenerProgress.class)
    ListenersHealthIndicator listenersHealthIndicator(ListenerProgress progress) {
        return new ListenersHealthIndicator(progress);
    }

    @Bean("consumerProgress")
    @ConditionalOnBean(ListenerProgress.class)
    ConsumerProgressHealthIndicator consumerProgressHealthIndicator(ListenerProgress progress) {
        return new ConsumerProgressHealthIndicator(progress);
    }
}
