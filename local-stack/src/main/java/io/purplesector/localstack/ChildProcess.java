package io.purplesector.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One part of the stack running as a process of its own, its output in a log file and its pid in
 * the run directory (so that {@code stop} finds it even if the launcher was killed).
 */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What starts the part, kept to start it again the same way. */
    private record Launch(String name, List<String> command, Map<String, String> environment, Path log,
            Path pidFile) {
    }

    private final Launch launch;
    private final Process process;
    private final long startedAt = System.nanoTime();

    private volatile long endedAt;

    private ChildProcess(Launch launch, Process process) {
        this.launch = launch;
        this.process = process;
        process.onExit().thenRun(() -> endedAt = System.nanoTime());
    }

    /** Starts {@code java [jvmOptions] -jar jar [arguments]} with extra environment variables. */
    static ChildProcess startJar(StackSettings settings, String name, Path jar, List<String> jvmOptions,
            Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return start(settings, name, command, environment);
    }

    /**
     * Starts {@code mainClass} with a service jar's libraries and the jars of {@code classpath}:
     * Spring Boot's {@code PropertiesLauncher} takes extra jars ({@code loader.path}) and another
     * main class ({@code loader.main}), so that a tool such as a simulator runs on the service's
     * own libraries.
     */
    static ChildProcess startMain(StackSettings settings, String name, Path serviceJar, List<Path> classpath,
            String mainClass, List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.add("-Dloader.path=" + String.join(",", classpath.stream().map(Path::toString).toList()));
        command.add("-Dloader.main=" + mainClass);
        command.addAll(List.of("-cp", serviceJar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(List.of(arguments));
        return start(settings, name, command, Map.of());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ChildProcess start(StackSettings settings, String name, List<String> command,
            Map<String, String> environment) {
        try {
            Files.createDirectories(settings.logs());
            Files.createDirectories(settings.run());
        } catch (IOException e) {
            throw new StackException("Cannot start " + name + ": " + e.getMessage(), e);
        }
        return start(new Launch(name, List.copyOf(command), Map.copyOf(environment),
                settings.logs().resolve(name + ".log"), settings.run().resolve(name + ".pid")));
    }

    private static ChildProcess start(Launch launch) {
        try {
            ProcessBuilder builder = new ProcessBuilder(launch.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
            builder.environment().putAll(launch.environment());
            Process process = builder.start();
            // Whole or not at all: stop, or whoever watches the part, may read it at any moment.
            Path written = launch.pidFile().resolveSibling(launch.pidFile().getFileName() + ".new");
            Files.writeString(written, Long.toString(process.pid()), StandardCharsets.UTF_8);
            Files.move(written, launch.pidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ChildProcess(launch, process);
        } catch (IOException e) {
            throw new StackException("Cannot start " + launch.name() + ": " + e.getMessage(), e);
        }
    }

    /** The same part started again the same way, its output appended to the same log. */
    ChildProcess again() {
        return start(launch);
    }

    /** Completes when the process has ended, for whatever reason. */
    CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(ended -> this);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** How long the process has been running, or ran until it ended. */
    Duration uptime() {
        long until = endedAt;
        return Duration.ofNanos((until == 0 ? System.nanoTime() : until) - startedAt);
    }

    String name() {
        return launch.name();
    }

    Path log() {
        return launch.log();
    }

    /** Waits until something listens on the port. */
    void awaitPort(int port, Duration timeout) {
        await(timeout, "to listen on port " + port, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Waits until the service's actuator health says UP. */
    void awaitHealthy(int port, Duration timeout) {
        URI health = URI.create("http://localhost:" + port + "/actuator/health");
        await(timeout, "to be healthy (" + health + ")", () -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                // Actuator answers 503 unless the overall status is UP.
                return response.statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Waits for a one-shot process to end; true when it ended with status 0. */
    boolean awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            return false;
        }
        forgetPid();
        return process.exitValue() == 0;
    }

    /** Asks the process to stop (SIGTERM, as Ctrl-C would), and kills it if it has not within 30 s. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        forgetPid();
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(launch.pidFile());
        } catch (IOException ignored) {
            // A stale pid file names a process that is gone; stop skips those.
        }
    }

    private interface Check {
        boolean passes() throws IOException, InterruptedException;
    }

    private void await(Duration timeout, String what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!check.passes()) {
                if (!process.isAlive()) {
                    throw new StackException(name() + " stopped (status " + process.exitValue() + ") before it came up; see "
                            + log());
                }
                if (System.nanoTime() > deadline) {
                    throw new StackException(name() + " did not come up within " + timeout.toSeconds() + " s waiting "
                            + what + "; see " + log());
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new StackException("Cannot check " + name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for " + name(), e);
        }
    }
}
