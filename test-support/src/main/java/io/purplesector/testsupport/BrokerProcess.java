package io.purplesector.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * local-kafka's broker as a process of its own (the jar named by the {@code local-kafka.jar}
 * system property), on a data directory and ports of its own, so that a test can kill it hard and
 * start it again on the same data: what the in-JVM broker, shared by a module's tests, cannot do.
 */
public final class BrokerProcess implements AutoCloseable {

    private final String name;
    private final Path data;
    private final int kafkaPort;
    private final int controllerPort;
    private int lives;
    private ServiceProcess process;

    private BrokerProcess(String name) throws IOException {
        this.name = name;
        this.data = Files.createTempDirectory(Path.of("target"), name);
        this.kafkaPort = freePort();
        this.controllerPort = freePort();
    }

    /** Starts a broker whose logs go to {@code target/<name>-broker-<life>.log}, and waits until it answers. */
    public static BrokerProcess start(String name) throws Exception {
        BrokerProcess broker = new BrokerProcess(name);
        broker.startAgain();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** Kills the broker with SIGKILL: no shutdown, no flush. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the broker on the same data and ports, and waits until it answers. */
    public void startAgain() throws Exception {
        process = ServiceProcess.start(ServiceProcess.jarFromProperty("local-kafka.jar"), log(++lives), List.of("-Xmx512m"),
                data.toString(), String.valueOf(kafkaPort), String.valueOf(controllerPort));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Admin admin = admin()) {
                return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
            }
        });
    }

    /** The output of the broker's current life. */
    public Path log() {
        return log(lives);
    }

    private Path log(int life) {
        return Path.of("target", name + "-broker-" + life + ".log");
    }

    /** An admin client that gives up within seconds while the broker is away. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
