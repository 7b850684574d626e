package io.purplesector.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Whether each Kafka listener of the service is consuming: every {@code sample-interval} its
 * consumer group's committed offsets are compared with the ends of its assigned partitions.
 * A partition whose committed offset has not moved for {@code stall-timeout} while records kept
 * arriving on it (its lag grew) is stalled: the listener reads nothing, or fails the same records
 * again and again. A lag that stands still is not a stall: a consumer that found the records
 * stored already (after a crash, say) has nothing to commit until new ones come. The lag of
 * each listener (records behind, summed over its partitions) is the gauge
 * {@code purplesector.consumer.lag{listener}}, a number from the first sample on.
 *
 * <p>A partition the group has never committed counts from its earliest offset, so that a
 * listener stuck on its very first records is seen too. Samples that fail (the broker away)
 * leave the last known state as it was: the broker's own health says that.
 */
public class ListenerProgress implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ListenerProgress.class);
    private static final long ADMIN_TIMEOUT_MS = 5_000;

    /**
     * What the latest sample found for one listener.
     *
     * @param lag records behind the ends of its partitions
     * @param partitionsBehind partitions with records waiting
     * @param stalledForMillis how long the longest-waiting partition whose lag grew meanwhile has
     *        not moved; 0 when every partition moves or has no new records
     * @param sampledAt when, epoch milliseconds
     */
    public record Sample(long lag, int partitionsBehind, long stalledForMillis, long sampledAt) {
    }

    /**
     * Progress of one partition: its committed offset, when it last moved (or caught up), and
     * where the partition ended then.
     */
    private record PartitionProgress(long committed, long end, long progressedAt) {
    }

    private final KafkaListenerEndpointRegistry registry;
    private final KafkaAdmin kafkaAdmin;
    private final ListenerHealthProperties settings;
    private final @Nullable MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    /** Per listener and partition; the sampling thread only. */
    private final Map<String, Map<TopicPartition, PartitionProgress>> progress = new HashMap<>();
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Admin admin;

    public ListenerProgress(KafkaListenerEndpointRegistry registry, KafkaAdmin kafkaAdmin,
            ListenerHealthProperties settings, @Nullable MeterRegistry meters, Clock clock) {
        this.registry = registry;
        this.kafkaAdmin = kafkaAdmin;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** The listener containers that should be running (auto-started) with whether each is. */
    public Map<String, Boolean> running() {
        Map<String, Boolean> running = new HashMap<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            if (container.isAutoStartup()) {
                running.put(id(container), container.isRunning());
            }
        }
        return running;
    }

    /** The latest sample of each listener sampled so far. */
    public Map<String, Sample> samples() {
        return Map.copyOf(samples);
    }

    /** The stall timeout, for the health's message. */
    public long stallTimeoutMillis() {
        return settings.stallTimeout().toMillis();
    }

    /** Takes one sample of every running listener; on the sampling thread. */
    void sample() {
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            String group = container.getGroupId();
            Collection<TopicPartition> assigned = container.isRunning() ? container.getAssignedPartitions() : null;
            if (group == null || assigned == null) {
                continue;
            }
            try {
                sample(id(container), group, List.copyOf(assigned));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("Could not sample the progress of listener {}: {}", id(container), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sample(String listener, String group, List<TopicPartition> assigned)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Map<TopicPartition, Long> ends = Map.of();
        if (!assigned.isEmpty()) {
            Admin client = admin();
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group,
                    new ListConsumerGroupOffsetsOptions().timeoutMs((int) ADMIN_TIMEOUT_MS))
                    .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            ends = offsets(client, assigned, OffsetSpec.latest());
            List<TopicPartition> neverCommitted = assigned.stream()
                    .filter(partition -> committed.get(partition) == null).toList();
            Map<TopicPartition, Long> starts = neverCommitted.isEmpty() ? Map.of()
                    : offsets(client, neverCommitted, OffsetSpec.earliest());
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata commit = committed.get(partition);
                positions.put(partition, commit != null ? commit.offset() : starts.getOrDefault(partition, 0L));
            }
        }
        Sample sample = judge(listener, positions, ends, clock.millis());
        if (samples.put(listener, sample) == null && meters != null) {
            Gauge.builder("purplesector.consumer.lag", samples, all -> all.containsKey(listener) ? all.get(listener).lag() : 0)
                    .description("Records the listener's consumer group is behind the ends of its partitions")
                    .tag("listener", listener).register(meters);
        }
    }

    /**
     * Judges one listener's progress from where its group stands on each assigned partition and
     * where each partition ends, against what earlier samples saw.
     *
     * @param positions the group's committed offset per assigned partition (the earliest offset
     *        for one never committed)
     * @param ends each partition's end offset
     */
    Sample judge(String listener, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends, long now) {
        Map<TopicPartition, PartitionProgress> known = progress.computeIfAbsent(listener, id -> new HashMap<>());
        known.keySet().retainAll(positions.keySet());
        long lag = 0;
        int behind = 0;
        long stalledSince = now;
        for (Map.Entry<TopicPartition, Long> entry : positions.entrySet()) {
            TopicPartition partition = entry.getKey();
            long position = entry.getValue();
            long end = ends.getOrDefault(partition, position);
            long partitionLag = Math.max(0, end - position);
            PartitionProgress last = known.get(partition);
            PartitionProgress current = partitionLag == 0 || last == null || last.committed() != position
                    ? new PartitionProgress(position, end, now) : last;
            known.put(partition, current);
            lag += partitionLag;
            if (partitionLag > 0) {
                behind++;
            }
            if (end > current.end()) {
                stalledSince = Math.min(stalledSince, current.progressedAt());
            }
        }
        return new Sample(lag, behind, now - stalledSince, now);
    }

    private static Map<TopicPartition, Long> offsets(Admin client, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = client.listOffsets(request,
                new ListOffsetsOptions().timeoutMs((int) ADMIN_TIMEOUT_MS)).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static String id(MessageListenerContainer container) {
        String id = container.getListenerId();
        return id != null ? id : container.toString();
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "listener-progress");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sampleInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sample, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        if (admin != null) {
            // Without waiting: a call still out (the broker away at shutdown) is of no use now,
            // and Admin.close() would wait for it to time out.
            admin.close(Duration.ZERO);
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
