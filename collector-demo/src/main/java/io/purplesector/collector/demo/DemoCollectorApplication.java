package io.purplesector.collector.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoCollectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoCollectorApplication.class, args);
    }
}
