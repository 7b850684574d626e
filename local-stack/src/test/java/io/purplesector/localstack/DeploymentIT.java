package io.purplesector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The container deployment, checked as far as a machine without a container engine allows: the
 * compose file against the Compose specification (docker-compose's own validator) and against
 * what operators rely on (health-gated start, restart policies, memory limits, profiles); the
 * monitoring set-up against the services; and the image definition by doing what it does: each
 * service's jar split into Spring Boot's layers with the Dockerfile's command, and a service
 * started from those layers with the Dockerfile's entry point.
 */
class DeploymentIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("repository", "..")).toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("kafka-setup", "db-consumer-service", "bridge-service",
            "collector-demo", "collector-ac", "collector-acc");

    @TempDir
    Path work;

    @Test
    void theComposeFileFollowsTheComposeSpecification() throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "docker-compose")));
        // CI installs docker-compose (.ci/run); elsewhere the check runs where the tool is.
        assumeTrue(installed || System.getenv("CI") != null, "docker-compose is not installed");
        Process check = new ProcessBuilder("docker-compose", "-f", REPOSITORY.resolve("docker-compose.yml").toString(),
                "--profile", "ac", "--profile", "monitoring", "--profile", "citus", "config", "-q").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("docker-compose config: %s", output).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesStartInOrderWhenHealthyWithinLimitsAndComeBack() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        assertThat(services.keySet()).contains("kafka", "timescaledb", "kafka-ui", "prometheus", "grafana")
                .containsAll(SERVICES);
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("mem_limit"));
        assertThat((List<String>) services.get("kafka-ui").get("ports")).containsExactly("8090:8080");
        assertThat(dependsOn(services.get("kafka-setup"), "kafka")).isEqualTo("service_healthy");
        assertThat(services.get("kafka-setup").get("restart")).isEqualTo("no");
        for (String service : SERVICES.subList(1, SERVICES.size())) {
            assertThat(dependsOn(services.get(service), "kafka-setup")).as(service)
                    .isEqualTo("service_completed_successfully");
            assertThat(services.get(service)).as(service).containsKey("healthcheck")
                    .containsEntry("restart", "unless-stopped");
            assertThat(((Map<String, Object>) ((Map<String, Object>) services.get(service).get("build"))
                    .get("args"))).as(service).containsEntry("SERVICE", service);
            assertThat(REPOSITORY.resolve(service).resolve("src/main/resources/application.yml")).exists();
        }
        assertThat(dependsOn(services.get("db-consumer-service"), "timescaledb")).isEqualTo("service_healthy");
        assertThat((List<String>) services.get("collector-ac").get("profiles")).containsExactly("ac");
        assertThat((List<String>) services.get("collector-acc").get("profiles")).containsExactly("acc");
        assertThat((List<String>) services.get("acc-simulator").get("profiles")).containsExactly("acc-sim");
        assertThat((List<String>) services.get("prometheus").get("profiles")).containsExactly("monitoring");
        assertThat((List<String>) services.get("grafana").get("profiles")).containsExactly("monitoring");
        for (String citus : List.of("citus", "citus-worker-1", "citus-worker-2", "citus-setup", "db-consumer-citus")) {
            assertThat((List<String>) services.get(citus).get("profiles")).as(citus).containsExactly("citus");
        }
        assertThat(services.get("citus-setup").get("restart")).isEqualTo("no");
        assertThat(dependsOn(services.get("citus-setup"), "citus-worker-2")).isEqualTo("service_healthy");
        assertThat(dependsOn(services.get("db-consumer-citus"), "citus-setup")).isEqualTo("service_completed_successfully");
        assertThat(services.get("db-consumer-citus").get("image")).isEqualTo(services.get("db-consumer-service").get("image"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceOnThePortItListensOn() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        String prometheus = Files.readString(REPOSITORY.resolve("deploy/prometheus/prometheus.yml"));
        for (String service : SERVICES.subList(1, SERVICES.size())) {
            Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
            // The HTTP port, not the port of a game the collector talks to over UDP.
            Object port = environment.entrySet().stream().filter(entry -> entry.getKey().endsWith("_PORT")
                    && !entry.getKey().contains("UDP")).map(Map.Entry::getValue).findFirst().orElseThrow();
            assertThat(prometheus).as(service).contains("\"" + service + ":" + port + "\"");
        }
    }

    @Test
    void grafanaIsProvisionedWithTheDataSourcesItsDashboardUses() throws IOException {
        String sources = Files.readString(REPOSITORY.resolve("deploy/grafana/provisioning/datasources/datasources.yml"));
        String dashboard = Files.readString(REPOSITORY.resolve("deploy/grafana/dashboards/purple-sector.json"));
        List<String> used = JsonPath.read(dashboard, "$.panels[*].datasource.uid");
        assertThat(used).isNotEmpty().allSatisfy(uid -> assertThat(sources).contains("uid: " + uid));
        List<String> queries = JsonPath.read(dashboard, "$.panels[*].targets[*].rawSql");
        assertThat(queries).singleElement().asString().contains("FROM laps l JOIN sessions s");
        assertThat(Files.readString(REPOSITORY.resolve("deploy/grafana/provisioning/dashboards/dashboards.yml")))
                .contains("path: /var/lib/grafana/dashboards");
    }

    @Test
    void imagesAreBootsLayersRunAsANonRootUserAndStartFromThem() throws Exception {
        String dockerfile = Files.readString(REPOSITORY.resolve("Dockerfile"));
        assertThat(dockerfile).contains("USER 10001:10001", "-XX:MaxRAMPercentage=75",
                "ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]",
                "java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted");
        List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(dockerfile.indexOf("/extracted/dependencies/")).isLessThan(dockerfile.indexOf("/extracted/application/"));
        for (String service : SERVICES) {
            Path extracted = work.resolve(service);
            run(List.of(java(), "-Djarmode=tools", "-jar", jar(service).toString(), "extract", "--layers", "--launcher",
                    "--destination", extracted.toString()), 0);
            for (String layer : layers) {
                assertThat(extracted.resolve(layer)).as(service + " " + layer).isDirectory();
            }
            assertThat(extracted.resolve("application/BOOT-INF/classes/application.yml")).as(service).exists();
        }
        // The image's /app: the four layers copied over each other, then the entry point.
        Path app = Files.createDirectories(work.resolve("app"));
        for (String layer : layers) {
            copyTree(work.resolve("kafka-setup").resolve(layer), app);
        }
        String output = run(List.of(java(), "-cp", app.toString(), "org.springframework.boot.loader.launch.JarLauncher",
                "--spring.kafka.bootstrap-servers=localhost:1", "--purplesector.kafka-setup.timeout=3s"), 1);
        assertThat(output).contains("kafka-setup failed:");
    }

    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(REPOSITORY.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object dependsOn(Map<String, Object> service, String dependency) {
        return ((Map<String, Map<String, Object>>) service.get("depends_on")).get(dependency).get("condition");
    }

    private static Path jar(String service) throws IOException {
        try (Stream<Path> files = Files.list(REPOSITORY.resolve(service).resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runnable jar of " + service + ": build first"));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String run(List<String> command, int expectedExit) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isEqualTo(expectedExit);
        return output;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
