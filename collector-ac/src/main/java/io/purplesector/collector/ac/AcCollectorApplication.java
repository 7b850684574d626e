package io.purplesector.collector.ac;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.service.TelemetryPublisher;
import io.purplesector.service.UserTopics;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AcCollectorApplication {

    @Bean
    UserTopics userTopics(KafkaAdmin kafkaAdmin, AcProperties properties) {
        return new UserTopics(kafkaAdmin, properties.userTopic()::definition);
    }

    @Bean
    TelemetryPublisher telemetryPublisher(KafkaTemplate<String, TelemetryRecord> kafka, AcProperties properties,
            MeterRegistry registry) {
        return new TelemetryPublisher(kafka, properties.telemetryTopic(), AcSessions.SOURCE, registry);
    }

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

    /**
     * Starts the collector; {@code --record <file.pcap>} and {@code --replay <file.pcap>} are
     * accepted as written in the README as well as in Spring's {@code --name=value} form. A
     * replay runs without a web server and exits when it is done.
     */
    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>();
        boolean replay = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ((option.equals("--record") || option.equals("--replay")) && i + 1 < args.length) {
                option = "--purplesector.ac." + option.substring(2) + "=" + args[++i];
            }
            replay |= option.startsWith("--purplesector.ac.replay=");
            arguments.add(option);
        }
        SpringApplication application = new SpringApplication(AcCollectorApplication.class);
        if (replay) {
            application.setWebApplicationType(WebApplicationType.NONE);
            System.exit(SpringApplication.exit(application.run(arguments.toArray(String[]::new))));
        }
        application.run(arguments.toArray(String[]::new));
    }
}
