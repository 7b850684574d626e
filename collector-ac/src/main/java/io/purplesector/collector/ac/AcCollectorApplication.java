package io.purplesector.collector.ac;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.collector.publish.UserTopics;
import io.purplesector.collector.replay.CollectorCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AcCollectorApplication {

    /**
     * The game's datagrams to records, published as the user's. The user's topic is created and
     * its metadata fetched here, before any datagram: publishing never waits for either while
     * the game is talking.
     */
    @Bean
    AcSessions acSessions(AcProperties properties, TelemetryPublisher publisher, UserTopics userTopics,
            MeterRegistry registry) {
        String userId = properties.userId() == null ? "" : properties.userId();
        userTopics.ensure(userId);
        publisher.prepare(userId);
        return new AcSessions(userId, properties.maxRateHz(), properties.silenceTimeout(), publisher::publish,
                registry);
    }

    /** Starts the collector; {@code --record <file.pcap>} and {@code --replay <file.pcap>} as the README says. */
    public static void main(String[] args) {
        CollectorCommandLine.run(AcCollectorApplication.class, "purplesector.ac", args);
    }
}
