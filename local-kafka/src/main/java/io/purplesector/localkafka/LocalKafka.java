package io.purplesector.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs one Kafka broker in KRaft mode (broker and controller in one process) with its data in a
 * directory that survives restarts: the first start formats the directory, later starts reuse it.
 * Topic auto-creation is off, as on every Purple Sector cluster.
 *
 * <p>{@code java -jar local-kafka.jar <data directory> [port] [controller port]}; defaults 9092
 * and 9093. Stops cleanly on SIGTERM (Ctrl-C).
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: java -jar local-kafka.jar <data directory> [port (9092)] [controller port (9093)]");
            System.exit(2);
        }
        Path dataDirectory = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;

        Path logs = dataDirectory.resolve("logs");
        Files.createDirectories(logs);
        Path config = dataDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            settings(logs, port, controllerPort).store(out, "Written by local-kafka at every start");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(config);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Properties settings(Path logs, int port, int controllerPort) {
        Properties settings = new Properties();
        settings.setProperty("process.roles", "broker,controller");
        settings.setProperty("node.id", "1");
        settings.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        settings.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        settings.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        settings.setProperty("controller.listener.names", "CONTROLLER");
        settings.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.setProperty("inter.broker.listener.name", "PLAINTEXT");
        settings.setProperty("log.dirs", logs.toString());
        settings.setProperty("auto.create.topics.enable", "false");
        // One broker: internal topics cannot have more replicas than that.
        settings.setProperty("offsets.topic.replication.factor", "1");
        settings.setProperty("transaction.state.log.replication.factor", "1");
        settings.setProperty("transaction.state.log.min.isr", "1");
        settings.setProperty("share.coordinator.state.topic.replication.factor", "1");
        settings.setProperty("share.coordinator.state.topic.min.isr", "1");
        // A broker killed and started again registers anew with its controller, here the same
        // process, started again too: the controller takes the last registration in its log for
        // alive until a session has passed since it became active, and refuses the new one
        // meanwhile. With Kafka's default session (9 s) every restart waited that long after the
        // broker was ready; a short session, with heartbeats often enough to keep it, ends the wait.
        settings.setProperty("broker.heartbeat.interval.ms", "500");
        settings.setProperty("broker.session.timeout.ms", "3000");
        // A single consumer joining a group need not wait for others.
        settings.setProperty("group.initial.rebalance.delay.ms", "0");
        return settings;
    }

    private static void format(Path config) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
            config.toString()}, out);
        if (status != 0) {
            System.err.println("Cannot format the broker's storage in " + config.getParent() + " (status " + status + ")");
            System.exit(status);
        }
    }
}
