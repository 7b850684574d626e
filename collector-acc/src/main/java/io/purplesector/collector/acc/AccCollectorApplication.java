package io.purplesector.collector.acc;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.command.PendingCommands;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.collector.publish.UserTopics;
import io.purplesector.collector.replay.CollectorCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AccCollectorApplication {

    /**
     * The merge of the game's two sources, published as the user's. The user's topic is created
     * and its metadata fetched here, before anything is heard: publishing never waits for either
     * while the game is talking.
     */
    @Bean
    AccSessions accSessions(AccProperties properties, TelemetryPublisher publisher, UserTopics userTopics,
            MeterRegistry registry) {
        String userId = properties.userId() == null ? "" : properties.userId();
        userTopics.ensure(userId);
        publisher.prepare(userId);
        return new AccSessions(userId, properties.silenceTimeout(), publisher::publish, registry);
    }

    /** Commands on their way from Kafka's listener to the link's thread. */
    @Bean
    PendingCommands pendingCommands() {
        return new PendingCommands();
    }

    /** Starts the collector; {@code --record <file.pcap>} and {@code --replay <file.pcap>} as the README says. */
    public static void main(String[] args) {
        CollectorCommandLine.run(AccCollectorApplication.class, "purplesector.acc", args);
    }
}
