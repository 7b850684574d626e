package io.purplesector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.StopSession;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite under a league's load, as the launcher runs it: 100 dashboards (one per user)
 * each start two demo sessions at 60 Hz by command, and 200 sessions flow through collector-demo,
 * the broker, db-consumer-service into PostgreSQL and bridge-service back to the dashboards for
 * {@code soak.minutes} (2 by default; 10 on demand: {@code -Dsoak.minutes=10}). Sampled at regular
 * intervals: each service's heap after a full collection, the database consumer's lag and the
 * frames' age on arrival at the dashboards; nothing may be dropped or refused anywhere. Then the
 * dashboards stop their sessions, and every frame produced must be on the broker once, in the
 * database once and on its dashboard once, in order, from the first to the last.
 */
class SoakIT {

    private static final int USERS = 100;
    private static final int SESSIONS_PER_USER = 2;
    private static final int RATE_HZ = 60;
    private static final Duration RUN = Duration.ofMinutes(Integer.getInteger("soak.minutes", 2));
    private static final Duration RAMP = Duration.ofSeconds(10);
    private static final int SAMPLES = 12;
    private static final List<String> SERVICES = List.of("bridge-service", "db-consumer-service", "collector-demo");

    /** Kept when the run fails: the services' logs say what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    /** One sample of the run. */
    record Sample(Duration at, Map<String, Double> liveHeapMiB, double lag, Latencies.Window latency, double stored,
            double droppedByCollector, double droppedByBridge) {

        @Override
        public String toString() {
            StringBuilder heap = new StringBuilder();
            SERVICES.forEach(service -> heap.append(String.format(" %s %.1f", service, liveHeapMiB.get(service))));
            return String.format("%4d s | heap after GC, MiB:%s | lag %.0f | %s | stored %.0f | dropped %.0f + %.0f",
                    at.toSeconds(), heap, lag, latency, stored, droppedByCollector, droppedByBridge);
        }
    }

    @Test
    void twoHundredSessionsAtSixtyHertzWithAHundredDashboardsLoseAndRepeatNothingAndHoldSteady() throws Exception {
        List<String> users = IntStream.range(0, USERS).mapToObj(index -> String.format("soak-%03d", index)).toList();
        LaunchedStack stack = LaunchedStack.in(home, Map.of("PURPLESECTOR_DEMO_USERS", String.join(",", users),
                // The dashboards start the sessions, once the stack is up, as a league's cars join.
                "PURPLESECTOR_DEMO_AUTOSTART", "false",
                // Ten seconds of the run's frames may wait for the broker (the default, 20,000
                // records, is a game's minute but under two seconds of 200 sessions): every service
                // of the suite and the dashboards share this machine's two cores.
                "PURPLESECTOR_COLLECTOR_PENDINGRECORDS", Integer.toString(10 * USERS * SESSIONS_PER_USER * RATE_HZ),
                // Every dashboard of the test comes from one address.
                "PURPLESECTOR_BRIDGE_LIMITS_CONNECTIONSPERADDRESS", Integer.toString(10 * USERS)));
        long begun = System.nanoTime();
        Process launcher = stack.startAndAwaitRunning(home.resolve("launcher.log"));
        System.out.printf("soak: the stack is up after %d s%n", seconds(begun));
        try {
            ServiceProbe bridge = ServiceProbe.of(stack, "bridge-service", "WS_PORT");
            ServiceProbe consumer = ServiceProbe.of(stack, "db-consumer-service", "DB_CONSUMER_HTTP_PORT");
            ServiceProbe collector = ServiceProbe.of(stack, "collector-demo", "DEMO_HTTP_PORT");
            Latencies latencies = new Latencies();
            HttpClient http = HttpClient.newHttpClient();
            List<Dashboard> dashboards = users.stream()
                    .map(user -> Dashboard.open(http, stack.port("WS_PORT"), user, latencies)).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> dashboards.stream().allMatch(Dashboard::connected));
            // The cars join over RAMP, as a league's do, not all in one instant.
            for (Dashboard dashboard : dashboards) {
                for (int session = 0; session < SESSIONS_PER_USER; session++) {
                    dashboard.command(Command.newBuilder().setStartDemoSession(StartDemoSession.newBuilder()
                            .setSeed(dashboards.indexOf(dashboard) * SESSIONS_PER_USER + session).setRateHz(RATE_HZ))
                            .build());
                }
                Thread.sleep(RAMP.toMillis() / USERS);
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> dashboards.stream()
                    .allMatch(dashboard -> dashboard.sessions().size() == SESSIONS_PER_USER));
            latencies.drain();
            System.out.printf("soak: %d sessions live on %d dashboards after %d s%n", USERS * SESSIONS_PER_USER,
                    dashboards.size(), seconds(begun));

            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            for (int index = 1; index <= SAMPLES; index++) {
                Thread.sleep(Math.max(0, RUN.toNanos() * index / SAMPLES - (System.nanoTime() - start)) / 1_000_000);
                Sample sample = new Sample(Duration.ofNanos(System.nanoTime() - start),
                        Map.of("bridge-service", mebibytes(bridge.liveHeapAfterFullCollection()),
                                "db-consumer-service", mebibytes(consumer.liveHeapAfterFullCollection()),
                                "collector-demo", mebibytes(collector.liveHeapAfterFullCollection())),
                        consumer.metric("purplesector.consumer.lag"), latencies.drain(),
                        consumer.metric("telemetry.frames.written"),
                        collector.metric("collector.frames.dropped"), bridge.metric("bridge.frames.dropped"));
                System.out.println("soak " + sample);
                samples.add(sample);
                assertThat(sample.droppedByCollector() + sample.droppedByBridge())
                        .as("frames dropped by the collector or the bridge at %s", sample).isZero();
                assertThat(dashboards).as("dashboards closed by the bridge").allSatisfy(
                        dashboard -> assertThat(dashboard.closed()).as(dashboard.user()).isNull());
            }
            assertThat(collector.metric("collector.errors")).as("collector errors").isZero();
            assertThat(consumer.metric("telemetry.records.dead.lettered")).as("dead letters").isZero();
            assertThat(bridge.metric("bridge.records.malformed")).as("records the bridge could not read").isZero();

            // Each dashboard stops its user's sessions: each ends with its last sequence.
            dashboards.forEach(dashboard -> dashboard.command(Command.newBuilder()
                    .setStopSession(StopSession.getDefaultInstance()).build()));
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.metric("collector.sessions.active") == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.metric("collector.records.pending") == 0
                    && collector.metric("collector.frames.published") == collector.metric("collector.frames.collected"));
            assertThat(collector.metric("collector.frames.dropped")).as("frames the collector dropped").isZero();
            assertThat(dashboards).allSatisfy(dashboard -> assertThat(dashboard.refusals()).as(dashboard.user()).isEmpty());

            List<String> topics = users.stream().map(Topics::userTopic).toList();
            Map<String, SessionCensus.Count> onTheBroker = SessionCensus.onTheBroker(
                    "localhost:" + stack.port("PS_KAFKA_PORT"), topics);
            assertThat(onTheBroker).hasSize(USERS * SESSIONS_PER_USER);
            onTheBroker.forEach((session, count) -> assertThat(count).as(session)
                    .matches(SessionCensus.Count::contiguousAndUnique, "every sequence from the first, once")
                    .matches(it -> it.first() == 1 && it.last() == it.ended(), "from 1 to the SessionEnded's last"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                    SessionCensus.inTheDatabase(stack.port("PS_POSTGRES_PORT"))).as("frames in the database")
                    .isEqualTo(withoutEnds(onTheBroker)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dashboards).allSatisfy(
                    dashboard -> assertThat(delivered(dashboard, onTheBroker)).as(dashboard.user()).isTrue()));
            long produced = (long) collector.metric("collector.frames.collected");
            assertThat(onTheBroker.values().stream().mapToLong(SessionCensus.Count::frames).sum())
                    .as("frames on the broker against frames produced").isEqualTo(produced);
            System.out.printf("soak: %d frames produced (%d sessions, %s), each once on the broker and in the database;"
                    + " %d delivered live to %d dashboards, none missing or repeated%n", produced, onTheBroker.size(),
                    RUN, dashboards.stream().flatMap(dashboard -> dashboard.sessions().values().stream())
                            .mapToLong(Dashboard.Seen::frames).sum(), dashboards.size());

            System.out.printf("soak: counted on the broker, in the database and on the dashboards after %d s%n",
                    seconds(begun));
            assertSteady(samples);
            for (String service : SERVICES) {
                assertThat(Files.readAllLines(stack.log(service))).as("%s's errors", service)
                        .noneMatch(line -> line.contains(" ERROR "));
            }
        } finally {
            stack.stop();
        }
        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
    }

    /**
     * No upward trend: the second half of the run holds no more heap than the first (a fifth more,
     * and 16 MiB, for what a collection leaves by chance), the consumer keeps up (its median lag
     * in the second half under two seconds of frames, never ten) and frames reach the dashboards as
     * fast at the end as at the start.
     */
    private static void assertSteady(List<Sample> samples) {
        List<Sample> first = samples.subList(0, samples.size() / 2);
        List<Sample> second = samples.subList(samples.size() / 2, samples.size());
        for (String service : SERVICES) {
            double before = median(first.stream().mapToDouble(sample -> sample.liveHeapMiB().get(service)).toArray());
            double after = median(second.stream().mapToDouble(sample -> sample.liveHeapMiB().get(service)).toArray());
            assertThat(after).as("%s's heap after GC, MiB, second half against first (%.1f)", service, before)
                    .isLessThanOrEqualTo(before * 1.2 + 16);
        }
        double frames = USERS * SESSIONS_PER_USER * RATE_HZ;
        assertThat(samples).as("database consumer's lag, never ten seconds of frames behind").allSatisfy(
                sample -> assertThat(sample.lag()).isLessThan(10 * frames));
        assertThat(median(second.stream().mapToDouble(Sample::lag).toArray()))
                .as("database consumer's median lag in the second half, under two seconds of frames")
                .isLessThan(2 * frames);
        double earlyLatency = median(first.stream().mapToDouble(sample -> sample.latency().p50()).toArray());
        double lateLatency = median(second.stream().mapToDouble(sample -> sample.latency().p50()).toArray());
        assertThat(lateLatency).as("frames' median age at the dashboards, ms, second half against first (%.0f)",
                earlyLatency).isLessThanOrEqualTo(Math.max(3 * earlyLatency, 250));
    }

    /** The dashboard saw each of its user's sessions from its first frame to its last, without a gap or a repeat. */
    private static boolean delivered(Dashboard dashboard, Map<String, SessionCensus.Count> onTheBroker) {
        Map<String, Dashboard.Seen> seen = dashboard.sessions();
        return onTheBroker.entrySet().stream().filter(entry -> entry.getKey().startsWith(dashboard.user() + "/"))
                .allMatch(entry -> {
                    Dashboard.Seen session = seen.get(entry.getKey().substring(dashboard.user().length() + 1));
                    return session != null && session.gaps() == 0 && session.repeats() == 0
                            && session.first() == entry.getValue().first()
                            && session.last() == entry.getValue().last();
                });
    }

    private static Map<String, SessionCensus.Count> withoutEnds(Map<String, SessionCensus.Count> counts) {
        Map<String, SessionCensus.Count> stored = new TreeMap<>();
        counts.forEach((session, count) -> stored.put(session,
                new SessionCensus.Count(count.frames(), count.distinct(), count.first(), count.last(), -1)));
        return stored;
    }


    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    private static double mebibytes(double bytes) {
        return bytes / (1024 * 1024);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
