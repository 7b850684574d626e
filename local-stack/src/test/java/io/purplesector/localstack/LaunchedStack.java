package io.purplesector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command as a person runs it ({@code local-stack.sh}, the build already
 * done), on free ports of the test's own and with {@code PS_HOME} in the test's directory.
 */
final class LaunchedStack {

    static final Path REPOSITORY = Path.of(System.getProperty("repository", "..")).toAbsolutePath().normalize();

    private final Path home;
    private final Map<String, String> environment;

    private LaunchedStack(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = Map.copyOf(environment);
    }

    /** A stack in {@code home} on free ports, with these settings for its services besides. */
    static LaunchedStack in(Path home, Map<String, String> settings) throws IOException {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("PS_HOME", home.toString());
        for (String port : List.of("PS_KAFKA_PORT", "PS_KAFKA_CONTROLLER_PORT", "PS_POSTGRES_PORT", "WS_PORT",
                "DB_CONSUMER_HTTP_PORT", "DEMO_HTTP_PORT", "ACC_HTTP_PORT", "ACC_UDP_PORT")) {
            environment.put(port, freePort());
        }
        return new LaunchedStack(home, environment);
    }

    /** The same stack (home, ports) with one setting more. */
    LaunchedStack with(String variable, String value) {
        Map<String, String> changed = new HashMap<>(environment);
        changed.put(variable, value);
        return new LaunchedStack(home, changed);
    }

    int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    Path home() {
        return home;
    }

    /** {@code local-stack.sh start}, its output in {@code output}. */
    Process start(Path output) throws IOException {
        return launcher("start", output);
    }

    /** Starts the stack and waits until the launcher says it is running. */
    Process startAndAwaitRunning(Path output) throws IOException {
        Process stack = start(output);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(stack.isAlive()).as("the launcher is running; its output: %s", Files.readString(output)).isTrue();
            return Files.readString(output).contains("Purple Sector is running");
        });
        return stack;
    }

    /** {@code local-stack.sh stop}, waited for. */
    void stop() throws Exception {
        Process stop = launcher("stop", home.resolve("stop.log"));
        assertThat(stop.waitFor(180, TimeUnit.SECONDS)).isTrue();
    }

    private Process launcher(String command, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", REPOSITORY.resolve("local-stack.sh").toString(), command)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        // The JDK that runs the tests runs the stack.
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return builder.start();
    }

    Path log(String part) {
        return home.resolve("logs").resolve(part + ".log");
    }

    /** The running process of one part of the stack, by the pid the launcher wrote. */
    Optional<ProcessHandle> process(String part) throws IOException {
        Path pidFile = home.resolve("run").resolve(part + ".pid");
        return Files.isRegularFile(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                : Optional.empty();
    }

    /** Every process the launcher started, PostgreSQL included. */
    List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.resolve("run"), "*.pid")) {
            for (Path file : files) {
                pids.add(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
            }
        }
        pids.add(Long.parseLong(Files.readAllLines(home.resolve("data/postgres/postmaster.pid")).get(0).trim()));
        return pids.stream().distinct().toList();
    }

    /** A port nothing listens on now. */
    static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }
}
