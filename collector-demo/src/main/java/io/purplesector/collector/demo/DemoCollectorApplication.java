package io.purplesector.collector.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The demo collector; its publisher and users' topics come from collector-support's auto-configuration. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoCollectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoCollectorApplication.class, args);
    }
}
