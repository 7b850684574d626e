package io.purplesector.collector.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * Starts a collector from its command line: {@code --record <file.pcap>} and
 * {@code --replay <file.pcap>} are accepted as the READMEs write them as well as in Spring's
 * {@code --name=value} form (under the collector's own prefix). A replay runs without a web
 * server and exits when it is done, with status 0 only when every record reached the broker.
 */
public final class CollectorCommandLine {

    private CollectorCommandLine() {
    }

    /** @param prefix the collector's properties, {@code purplesector.ac} say */
    public static void run(Class<?> application, String prefix, String[] args) {
        List<String> arguments = arguments(prefix, args);
        SpringApplication spring = new SpringApplication(application);
        if (arguments.stream().anyMatch(argument -> argument.startsWith("--" + prefix + ".replay="))) {
            spring.setWebApplicationType(WebApplicationType.NONE);
            // A file can wait for the broker; a game cannot (see TelemetryPublisher).
            spring.setDefaultProperties(Map.of("purplesector.collector.when-full", "wait"));
            System.exit(SpringApplication.exit(spring.run(arguments.toArray(String[]::new))));
        }
        spring.run(arguments.toArray(String[]::new));
    }

    static List<String> arguments(String prefix, String[] args) {
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ((option.equals("--record") || option.equals("--replay")) && i + 1 < args.length) {
                option = "--" + prefix + "." + option.substring(2) + "=" + args[++i];
            }
            arguments.add(option);
        }
        return arguments;
    }
}
