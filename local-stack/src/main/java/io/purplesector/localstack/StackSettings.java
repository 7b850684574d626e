package io.purplesector.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack keeps its data and logs, which ports it takes and where the service jars
 * are. Every port can be moved with the variable the services themselves read.
 *
 * @param repository the checkout the jars were built in
 * @param home data, logs and process ids ({@code PS_HOME}, default {@code .purplesector} in the checkout)
 * @param acc whether collector-acc runs too, and against what ({@code PS_ACC})
 */
record StackSettings(Path repository, Path home, int kafkaPort, int kafkaControllerPort, int postgresPort,
        int bridgePort, int dbConsumerPort, int demoPort, Acc acc, int accPort, int accUdpPort) {

    static final String VERSION = "0.1.0-SNAPSHOT";

    /** The user whose topic collector-acc publishes to in the local stack. */
    static final String ACC_USER = "acc";

    /** {@code PS_ACC}: no ACC collector (empty), one against the simulator, or one next to the game. */
    enum Acc {
        NONE, SIMULATOR, GAME;

        static Acc of(String value) {
            if (value == null || value.isBlank()) {
                return NONE;
            }
            return switch (value.trim()) {
                case "simulator" -> SIMULATOR;
                case "game" -> GAME;
                default -> throw new StackException("PS_ACC must be empty, \"simulator\" or \"game\", not \""
                        + value + "\"");
            };
        }
    }

    static StackSettings from(Map<String, String> environment, Path repository) {
        Path home = Path.of(environment.getOrDefault("PS_HOME", repository.resolve(".purplesector").toString()));
        return new StackSettings(repository, home.toAbsolutePath(),
                port(environment, "PS_KAFKA_PORT", 9092), port(environment, "PS_KAFKA_CONTROLLER_PORT", 9093),
                port(environment, "PS_POSTGRES_PORT", 5433), port(environment, "WS_PORT", 8080),
                port(environment, "DB_CONSUMER_HTTP_PORT", 8083), port(environment, "DEMO_HTTP_PORT", 8082),
                Acc.of(environment.get("PS_ACC")), port(environment, "ACC_HTTP_PORT", 8085),
                port(environment, "ACC_UDP_PORT", 9000));
    }

    /** A named port the stack needs, for the check before anything starts. */
    record NamedPort(String what, String variable, int port) {
    }

    List<NamedPort> ports() {
        List<NamedPort> ports = new ArrayList<>(List.of(new NamedPort("Kafka", "PS_KAFKA_PORT", kafkaPort),
                new NamedPort("Kafka's controller", "PS_KAFKA_CONTROLLER_PORT", kafkaControllerPort),
                new NamedPort("PostgreSQL", "PS_POSTGRES_PORT", postgresPort),
                new NamedPort("bridge-service (dashboard)", "WS_PORT", bridgePort),
                new NamedPort("db-consumer-service", "DB_CONSUMER_HTTP_PORT", dbConsumerPort),
                new NamedPort("collector-demo", "DEMO_HTTP_PORT", demoPort)));
        if (acc != Acc.NONE) {
            ports.add(new NamedPort("collector-acc", "ACC_HTTP_PORT", accPort));
        }
        return ports;
    }

    String kafkaBrokers() {
        return "localhost:" + kafkaPort;
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path run() {
        return home.resolve("run");
    }

    Path data(String what) {
        return home.resolve("data").resolve(what);
    }

    /** A service's runnable jar, as the build leaves it. */
    Path serviceJar(String module) {
        return repository.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }

    Path kafkaJar() {
        return repository.resolve("local-kafka").resolve("target").resolve("local-kafka-" + VERSION + ".jar");
    }

    /** The simulator's classes and the car model it drives, beside collector-acc's own jar. */
    List<Path> accSimulatorClasspath() {
        return List.of(repository.resolve("collector-acc").resolve("target").resolve("collector-acc-" + VERSION
                + "-tests.jar"), repository.resolve("car-model").resolve("target").resolve("car-model-" + VERSION
                + ".jar"));
    }

    /** The jars that are not there, for one clear message rather than a failure half-way. */
    List<Path> missingJars() {
        List<Path> jars = new ArrayList<>(List.of(kafkaJar(), serviceJar("kafka-setup"),
                serviceJar("db-consumer-service"), serviceJar("bridge-service"), serviceJar("collector-demo")));
        if (acc != Acc.NONE) {
            jars.add(serviceJar("collector-acc"));
        }
        if (acc == Acc.SIMULATOR) {
            jars.addAll(accSimulatorClasspath());
        }
        return jars.stream().filter(jar -> !Files.isRegularFile(jar)).toList();
    }

    private static int port(Map<String, String> environment, String variable, int fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(variable + " must be a port number (1-65535), not \"" + value + "\"");
        }
    }
}
