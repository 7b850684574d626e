package io.purplesector.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite on this machine, with embedded defaults: a Kafka broker (local-kafka), an
 * embedded PostgreSQL, kafka-setup, then db-consumer-service, bridge-service and collector-demo,
 * each a process of its own and each waited for until healthy. Once it runs, the broker or a
 * service that ends by itself is started again ({@link Restarts}). Ctrl-C (or {@code stop} from
 * another terminal) stops everything, services first; data stays in the stack's home.
 *
 * <p>{@code java -jar local-stack.jar [start|stop]} from the checkout (or with {@code PS_REPOSITORY}).
 */
public final class LocalStack {

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration SERVICE_START = Duration.ofSeconds(180);

    private final StackSettings settings;
    private final List<ChildProcess> running = Collections.synchronizedList(new ArrayList<>());
    private final Restarts restarts = new Restarts(running);
    private LocalDatabase database;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Path repository = Path.of(System.getenv().getOrDefault("PS_REPOSITORY", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "start" : args[0];
        try {
            StackSettings settings = StackSettings.from(System.getenv(), repository);
            switch (command) {
                case "start" -> new LocalStack(settings).runUntilStopped();
                case "stop" -> stop(settings);
                default -> throw new StackException("Unknown command \"" + command + "\": use start or stop");
            }
        } catch (StackException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private void runUntilStopped() {
        List<Path> missing = settings.missingJars();
        if (!missing.isEmpty()) {
            throw new StackException("Not built yet: " + missing + ". Build first: ./mvnw -q package -DskipTests");
        }
        checkPortsFree();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            Files.createDirectories(settings.run());
            Files.writeString(settings.run().resolve("local-stack.pid"), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
            long start = System.nanoTime();
            startAll();
            // Once up, a part that ends by itself is started again; the first start fails instead.
            synchronized (running) {
                running.forEach(restarts::watch);
            }
            System.out.printf("%nPurple Sector is running (up in %.0f s).%n  dashboard:  http://localhost:%d/%n"
                    + "  sessions:   http://localhost:%d/api/users/demo/sessions%n%s  logs:       %s%n"
                    + "  data:       %s%nCtrl-C here (or `java -jar local-stack.jar stop`) stops it.%n",
                    (System.nanoTime() - start) / 1e9, settings.bridgePort(), settings.dbConsumerPort(),
                    settings.acc() == StackSettings.Acc.NONE ? "" : String.format("  ACC:        "
                            + "http://localhost:%d/?userId=%s%n", settings.bridgePort(), StackSettings.ACC_USER),
                    settings.logs(), settings.home().resolve("data"));
            stopped.await();
        } catch (StackException e) {
            System.err.println("local-stack: " + e.getMessage());
            stopAll();
            System.exit(1);
        } catch (IOException e) {
            throw new StackException("Cannot write to " + settings.home() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startAll() {
        say("PostgreSQL on port " + settings.postgresPort());
        database = LocalDatabase.start(settings.data("postgres"), settings.postgresPort(),
                settings.logs().resolve("postgres.log"));

        say("Kafka on port " + settings.kafkaPort());
        ChildProcess kafka = start(ChildProcess.startJar(settings, "kafka", settings.kafkaJar(), List.of("-Xmx512m"),
                Map.of(), settings.data("kafka").toString(), Integer.toString(settings.kafkaPort()),
                Integer.toString(settings.kafkaControllerPort())));
        kafka.awaitPort(settings.kafkaPort(), BROKER_START);

        say("kafka-setup: topics and cluster health");
        ChildProcess setup = ChildProcess.startJar(settings, "kafka-setup", settings.serviceJar("kafka-setup"),
                List.of("-Xmx256m"), Map.of("KAFKA_BROKERS", settings.kafkaBrokers()),
                "--purplesector.kafka-setup.timeout=60s");
        try {
            if (!setup.awaitSuccess(Duration.ofSeconds(120))) {
                throw new StackException("kafka-setup found the broker unhealthy; see " + setup.log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted during kafka-setup", e);
        }

        Map<String, String> kafkaEnvironment = Map.of("KAFKA_BROKERS", settings.kafkaBrokers());
        say("db-consumer-service on port " + settings.dbConsumerPort());
        ChildProcess dbConsumer = start(ChildProcess.startJar(settings, "db-consumer-service",
                settings.serviceJar("db-consumer-service"), List.of("-Xmx256m"), with(kafkaEnvironment,
                        "DATABASE_URL", database.databaseUrl(),
                        "DB_CONSUMER_HTTP_PORT", Integer.toString(settings.dbConsumerPort())),
                // Restarts take the group over at once rather than after the old member's timeout.
                "--spring.kafka.consumer.properties.group.instance.id=local-stack"));
        say("bridge-service on port " + settings.bridgePort());
        ChildProcess bridge = start(ChildProcess.startJar(settings, "bridge-service", settings.serviceJar("bridge-service"),
                List.of("-Xmx512m"), with(kafkaEnvironment, "WS_PORT", Integer.toString(settings.bridgePort())),
                "--spring.profiles.active=dev"));
        say("collector-demo on port " + settings.demoPort());
        // Every user's demo sessions in one process, and what waits for the broker kept in memory.
        ChildProcess demo = start(ChildProcess.startJar(settings, "collector-demo", settings.serviceJar("collector-demo"),
                List.of("-Xmx1g"), with(kafkaEnvironment, "DEMO_HTTP_PORT", Integer.toString(settings.demoPort()))));

        ChildProcess acc = settings.acc() == StackSettings.Acc.NONE ? null : startAcc(kafkaEnvironment);

        dbConsumer.awaitHealthy(settings.dbConsumerPort(), SERVICE_START);
        bridge.awaitHealthy(settings.bridgePort(), SERVICE_START);
        demo.awaitHealthy(settings.demoPort(), SERVICE_START);
        if (acc != null) {
            acc.awaitHealthy(settings.accPort(), SERVICE_START);
        }
    }

    /**
     * collector-acc, for the user {@value StackSettings#ACC_USER}: next to the game on this machine
     * ({@code PS_ACC=game}), or against the simulator with its pages in the stack's data
     * ({@code PS_ACC=simulator}).
     */
    private ChildProcess startAcc(Map<String, String> kafkaEnvironment) {
        Map<String, String> environment = new HashMap<>(with(kafkaEnvironment,
                "ACC_HTTP_PORT", Integer.toString(settings.accPort()),
                "ACC_UDP_PORT", Integer.toString(settings.accUdpPort()), "PS_USER_ID", StackSettings.ACC_USER));
        if (settings.acc() == StackSettings.Acc.SIMULATOR) {
            Path pages = settings.data("acc-shm");
            say("ACC simulator on UDP port " + settings.accUdpPort() + ", pages in " + pages);
            start(ChildProcess.startMain(settings, "acc-simulator", settings.serviceJar("collector-acc"),
                    settings.accSimulatorClasspath(), "io.purplesector.collector.acc.simulator.AccSimulator",
                    List.of("-Xmx128m"), Integer.toString(settings.accUdpPort()), pages.toString(), "4", "60"));
            environment.put("ACC_SHM_DIR", pages.toString());
        }
        say("collector-acc on port " + settings.accPort() + " (user " + StackSettings.ACC_USER + ")");
        return start(ChildProcess.startJar(settings, "collector-acc", settings.serviceJar("collector-acc"),
                List.of("-Xmx256m"), environment));
    }

    private ChildProcess start(ChildProcess child) {
        running.add(child);
        return child;
    }

    /** Services first (newest first), then the broker, then the database. */
    private synchronized void stopAll() {
        restarts.close();
        List<ChildProcess> children;
        synchronized (running) {
            children = new ArrayList<>(running);
        }
        Collections.reverse(children);
        for (ChildProcess child : children) {
            say("stopping " + child.name());
            child.stop();
            running.remove(child);
        }
        if (database != null) {
            say("stopping PostgreSQL");
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("local-stack: PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            database = null;
        }
        try {
            Files.deleteIfExists(settings.run().resolve("local-stack.pid"));
        } catch (IOException ignored) {
            // Nothing to clean up that stop would trip on: it checks that the pid is alive.
        }
    }

    private void checkPortsFree() {
        for (StackSettings.NamedPort port : settings.ports()) {
            try (ServerSocket socket = new ServerSocket(port.port())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                throw new StackException("Port " + port.port() + " (" + port.what() + ") is in use: stop what uses it, "
                        + "or choose another with " + port.variable() + "=<port>");
            }
        }
    }

    /**
     * Stops a stack started from another terminal: the launcher if it is alive (it stops the
     * rest), and whatever its run directory still names if it was killed.
     */
    private static void stop(StackSettings settings) {
        Optional<ProcessHandle> launcher = processOf(settings.run().resolve("local-stack.pid"));
        launcher.ifPresent(process -> {
            say("stopping the stack (pid " + process.pid() + ")");
            process.destroy();
            process.onExit().orTimeout(120, TimeUnit.SECONDS).join();
        });
        if (Files.isDirectory(settings.run())) {
            try (DirectoryStream<Path> pids = Files.newDirectoryStream(settings.run(), "*.pid")) {
                for (Path pid : pids) {
                    processOf(pid).ifPresent(process -> {
                        say("stopping " + pid.getFileName() + " left behind");
                        process.destroy();
                        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
                    Files.deleteIfExists(pid);
                }
            } catch (IOException e) {
                throw new StackException("Cannot read " + settings.run() + ": " + e.getMessage(), e);
            }
        }
        processOf(settings.data("postgres").resolve("postmaster.pid")).ifPresent(postgres -> {
            say("stopping PostgreSQL left behind (pid " + postgres.pid() + ")");
            postgres.destroy();
            postgres.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
        say("stopped");
    }

    private static Optional<ProcessHandle> processOf(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(firstLine)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    static void say(String what) {
        System.out.println("local-stack: " + what);
    }
}
