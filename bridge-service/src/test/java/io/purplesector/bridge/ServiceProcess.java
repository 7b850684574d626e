package io.purplesector.bridge;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another Purple Sector service run from its jar as a process of its own, as in production. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;

    private ServiceProcess(Process process) {
        this.process = process;
    }

    /** Starts collector-demo (the jar the build copied for these tests) with the given arguments. */
    static ServiceProcess collectorDemo(Path log, String... arguments) throws IOException {
        String jar = System.getProperty("collector-demo.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("collector-demo's jar is missing (" + jar + "): run through Maven's verify");
        }
        return start(Path.of(jar), log, List.of("-Xmx256m"), arguments);
    }

    /** Starts a service's runnable jar with JVM options and application arguments. */
    static ServiceProcess start(Path jar, Path log, List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
