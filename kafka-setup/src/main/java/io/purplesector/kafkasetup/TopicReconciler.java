package io.purplesector.kafkasetup;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Brings topics in line with their definitions: creates missing ones, sets configs that differ,
 * adds partitions when allowed. It never deletes a topic, removes partitions or changes the
 * replication factor: those are reported as drift for an operator to decide.
 */
final class TopicReconciler {

    private final Admin admin;
    private final int timeoutMs;
    private final boolean addPartitions;

    TopicReconciler(Admin admin, int timeoutMs, boolean addPartitions) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
        this.addPartitions = addPartitions;
    }

    /** One outcome per definition, in the definitions' order. */
    List<TopicOutcome> reconcile(List<TopicDefinition> definitions, short replicationFactor) {
        Set<String> existing = SetupFailedException.await(
                admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names(), "listing topics");
        Map<String, TopicOutcome> outcomes = new HashMap<>();
        List<TopicDefinition> toInspect = new ArrayList<>();
        List<TopicDefinition> missing = new ArrayList<>();
        for (TopicDefinition definition : definitions) {
            (existing.contains(definition.name()) ? toInspect : missing).add(definition);
        }
        for (TopicDefinition definition : create(missing, replicationFactor, toInspect)) {
            outcomes.put(definition.name(), created(definition, replicationFactor));
        }
        for (TopicOutcome outcome : alignExisting(toInspect, replicationFactor)) {
            outcomes.put(outcome.name(), outcome);
        }
        return definitions.stream().map(definition -> outcomes.get(definition.name())).toList();
    }

    /** Creates the missing topics; one that another client created meanwhile joins {@code toInspect}. */
    private List<TopicDefinition> create(List<TopicDefinition> missing, short replicationFactor,
            List<TopicDefinition> toInspect) {
        if (missing.isEmpty()) {
            return List.of();
        }
        CreateTopicsResult result = admin.createTopics(
                missing.stream().map(definition -> definition.newTopic(replicationFactor)).toList(),
                new CreateTopicsOptions().timeoutMs(timeoutMs));
        List<TopicDefinition> created = new ArrayList<>();
        for (TopicDefinition definition : missing) {
            try {
                result.values().get(definition.name()).get();
                created.add(definition);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw SetupFailedException.of("creating topic " + definition.name(), e.getCause());
                }
                toInspect.add(definition);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SetupFailedException("creating topic " + definition.name() + ": interrupted", e);
            }
        }
        return created;
    }

    private static TopicOutcome created(TopicDefinition definition, short replicationFactor) {
        String configs = definition.configs(replicationFactor).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
        return new TopicOutcome(definition.name(), definition.partitions(), replicationFactor,
                TopicOutcome.Result.CREATED, List.of(configs));
    }

    private List<TopicOutcome> alignExisting(List<TopicDefinition> definitions, short replicationFactor) {
        if (definitions.isEmpty()) {
            return List.of();
        }
        List<String> names = definitions.stream().map(TopicDefinition::name).toList();
        Map<String, TopicDescription> descriptions = SetupFailedException.await(
                admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs)).allTopicNames(),
                "describing topics " + names);
        Map<ConfigResource, Config> configs = SetupFailedException.await(
                admin.describeConfigs(names.stream().map(TopicReconciler::resource).toList(),
                        new DescribeConfigsOptions().timeoutMs(timeoutMs)).all(),
                "reading the configs of topics " + names);

        List<TopicOutcome> outcomes = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> configChanges = new LinkedHashMap<>();
        Map<String, NewPartitions> partitionChanges = new LinkedHashMap<>();
        for (TopicDefinition definition : definitions) {
            TopicDescription description = descriptions.get(definition.name());
            int partitions = description.partitions().size();
            int actualReplication = description.partitions().get(0).replicas().size();
            List<String> changed = new ArrayList<>();
            List<String> drift = new ArrayList<>();

            List<AlterConfigOp> ops = configDifferences(definition.configs(replicationFactor),
                    configs.get(resource(definition.name())), changed);
            if (!ops.isEmpty()) {
                configChanges.put(resource(definition.name()), ops);
            }
            if (partitions < definition.partitions() && addPartitions) {
                partitionChanges.put(definition.name(), NewPartitions.increaseTo(definition.partitions()));
                changed.add("partitions: " + partitions + " -> " + definition.partitions());
                partitions = definition.partitions();
            } else if (partitions < definition.partitions()) {
                drift.add("has " + partitions + " partitions, " + definition.partitions()
                        + " configured: left as is (purplesector.kafka-setup.add-partitions=true adds them;"
                        + " sessions then move to other partitions)");
            } else if (partitions > definition.partitions()) {
                drift.add("has " + partitions + " partitions, " + definition.partitions()
                        + " configured: left as is (partitions are never removed)");
            }
            if (actualReplication != replicationFactor) {
                drift.add("replication factor " + actualReplication + ", " + replicationFactor
                        + " configured: left as is (reassign partitions to change it)");
            }
            outcomes.add(new TopicOutcome(definition.name(), partitions, actualReplication,
                    verdict(changed, drift), concat(changed, drift)));
        }
        if (!configChanges.isEmpty()) {
            SetupFailedException.await(admin.incrementalAlterConfigs(configChanges,
                    new AlterConfigsOptions().timeoutMs(timeoutMs)).all(), "changing topic configs");
        }
        if (!partitionChanges.isEmpty()) {
            SetupFailedException.await(admin.createPartitions(partitionChanges,
                    new CreatePartitionsOptions().timeoutMs(timeoutMs)).all(), "adding partitions");
        }
        return outcomes;
    }

    /** The operations that set each differing config, describing each in {@code changed}. */
    private static List<AlterConfigOp> configDifferences(Map<String, String> wanted, Config actual,
            List<String> changed) {
        List<AlterConfigOp> ops = new ArrayList<>();
        wanted.forEach((key, value) -> {
            ConfigEntry entry = actual.get(key);
            String current = entry == null ? null : entry.value();
            if (!value.equals(current)) {
                ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                changed.add(key + ": " + current + " -> " + value);
            }
        });
        return ops;
    }

    private static TopicOutcome.Result verdict(List<String> changed, List<String> drift) {
        if (!drift.isEmpty()) {
            return TopicOutcome.Result.DRIFT;
        }
        return changed.isEmpty() ? TopicOutcome.Result.UNCHANGED : TopicOutcome.Result.UPDATED;
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
