package io.purplesector.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service shows over HTTP by default, checked the same way for every service: the actuator
 * endpoints the suite agrees on (health, info, metrics, prometheus) and no other, and error
 * answers that say what went wrong without the program's insides (no stack trace, no exception
 * class).
 */
public final class HttpSurface {

    /** The actuator's links a service may show without being configured to show more. */
    private static final Set<String> AGREED = Set.of("self", "health", "health-path", "info", "metrics",
            "metrics-requiredMetricName", "prometheus");

    /** Endpoints Spring Boot has that must stay closed: they tell of, or change, the program's insides. */
    private static final List<String> CLOSED = List.of("env", "beans", "configprops", "mappings", "conditions",
            "heapdump", "threaddump", "loggers", "scheduledtasks", "shutdown", "startup", "caches", "httpexchanges");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpSurface() {
    }

    /**
     * The actuator lists only the agreed endpoints (and {@code alsoAgreed}, a service's own, as
     * configured for the test), and every other one answers as absent.
     */
    public static void exposesOnlyTheAgreedActuatorEndpoints(int port, String... alsoAgreed)
            throws IOException, InterruptedException {
        HttpResponse<String> index = get(port, "/actuator");
        assertThat(index.statusCode()).isEqualTo(200);
        Set<String> agreed = new HashSet<>(AGREED);
        agreed.addAll(List.of(alsoAgreed));
        Matcher links = Pattern.compile("\"([A-Za-z-]+)\":\\{\"href\"").matcher(index.body());
        int found = 0;
        while (links.find()) {
            found++;
            assertThat(links.group(1)).as("an actuator link of %s", index.body()).isIn(agreed);
        }
        assertThat(found).as("links in %s", index.body()).isPositive();
        for (String endpoint : CLOSED) {
            assertThat(get(port, "/actuator/" + endpoint).statusCode()).as("/actuator/%s", endpoint).isEqualTo(404);
        }
    }

    /** An error answer at {@code path} names no exception and carries no stack trace. */
    public static void errorsCarryNoStackTrace(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> error = get(port, path);
        assertThat(error.statusCode()).as("%s answers an error", path).isGreaterThanOrEqualTo(400);
        assertThat(error.body()).as("the answer to %s", path).doesNotContain("\"trace\"", "\"exception\"",
                "Exception", "\tat ", "java.");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
