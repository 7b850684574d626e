package io.purplesector.collector.demo.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A command that cannot be read or applied is counted, logged with its offset and skipped: a
 * stale or broken command is worth nothing later, so it is neither retried nor parked.
 */
@Configuration(proxyBeanMethods = false)
class CommandErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(CommandErrorHandling.class);

    @Bean
    CommonErrorHandler commandErrorHandler(MeterRegistry registry) {
        Counter rejected = Counter.builder("collector.errors").tag("source", "collector-demo")
                .tag("kind", "command").description("Commands that could not be read or applied").register(registry);
        return new DefaultErrorHandler((record, failure) -> {
            rejected.increment();
            log.warn("Skipped command at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    failure.getMessage());
        }, new FixedBackOff(0, 0));
    }
}
