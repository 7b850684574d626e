package io.purplesector.localstack;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One running service seen from outside, as an operator would: its actuator's metrics, and a full
 * garbage collection asked of its JVM ({@code jcmd GC.run}) so that the heap it reports after is
 * what it really holds.
 */
record ServiceProbe(String name, int port, long pid) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The service as the launched stack runs it now: its port by its variable, its pid by its pid file. */
    static ServiceProbe of(LaunchedStack stack, String service, String portVariable) throws IOException {
        return new ServiceProbe(service, stack.port(portVariable), stack.process(service).orElseThrow().pid());
    }

    /**
     * A metric's value (a counter's count, a gauge's value, summed over its tags), 0 while the
     * service has not registered it.
     */
    double metric(String metric) throws IOException, InterruptedException {
        return metric(metric, "");
    }

    /** A metric's value for one tag's value ({@code reason:stale}), as {@link #metric(String)}. */
    double metric(String metric, String tag) throws IOException, InterruptedException {
        URI uri = URI.create("http://localhost:" + port + "/actuator/metrics/" + metric
                + (tag.isEmpty() ? "" : "?tag=" + tag));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode() + " for " + uri);
        }
        Number value = JsonPath.read(response.body(), "$.measurements[0].value");
        return value.doubleValue();
    }

    /** Whether its actuator health answers 200 (UP, or DEGRADED where mapped to 200). */
    boolean healthy() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notAnswering) {
            return false;
        }
    }

    /** The heap in use after a full collection, bytes (Micrometer's {@code jvm.gc.live.data.size}). */
    double liveHeapAfterFullCollection() throws IOException, InterruptedException {
        Process collect = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.run").redirectErrorStream(true).start();
        String output = new String(collect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!collect.waitFor(60, TimeUnit.SECONDS) || collect.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run (" + name + "): " + output);
        }
        // The gauge is set by the collection's notification, delivered just after it ends.
        Thread.sleep(200);
        return metric("jvm.gc.live.data.size");
    }
}
