package io.purplesector.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another Purple Sector service run from its jar as a process of its own, as in production. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;

    private ServiceProcess(Process process) {
        this.process = process;
    }

    /** Starts a service's runnable jar with JVM options and application arguments. */
    public static ServiceProcess start(Path jar, Path log, List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash or an out-of-memory killer would, and waits for it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * The runnable jar whose path the build passes in a system property (see the module's
     * failsafe configuration).
     *
     * @throws IllegalStateException when the property is missing or names no file
     */
    public static Path jarFromProperty(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The service's jar is missing (" + property + "=" + jar
                    + "): run the test through Maven's verify");
        }
        return Path.of(jar);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
