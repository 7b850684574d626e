package io.purplesector.kafkasetup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KafkaSetupApplication {

    public static void main(String[] args) {
        // A one-shot: the exit code is the result (see KafkaSetup#getExitCode).
        System.exit(SpringApplication.exit(SpringApplication.run(KafkaSetupApplication.class, args)));
    }
}
