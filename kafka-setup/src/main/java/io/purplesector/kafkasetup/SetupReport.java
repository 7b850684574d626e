package io.purplesector.kafkasetup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders what kafka-setup found and did as a table people can read at a glance. */
final class SetupReport {

    private static final List<String> HEADINGS = List.of("TOPIC", "PARTITIONS", "REPLICAS", "RESULT", "DETAILS");

    private SetupReport() {
    }

    static String render(String bootstrapServers, Cluster cluster, short replicationFactor,
            List<TopicOutcome> outcomes, HealthProbe.Result probe) {
        StringBuilder report = new StringBuilder();
        report.append("Kafka cluster ").append(cluster.id()).append(" at ").append(bootstrapServers).append(": ")
                .append(cluster.brokers()).append(cluster.brokers() == 1 ? " broker" : " brokers")
                .append(", controller ").append(cluster.controller())
                .append(", replication factor ").append(replicationFactor).append("\n\n");
        report.append(table(outcomes)).append('\n');
        report.append("Probe: wrote to ").append(probe.partition()).append(" at offset ").append(probe.offset())
                .append(" and read it back in ").append(probe.roundTrip().toMillis()).append(" ms\n");
        report.append("Healthy: ").append(summary(outcomes)).append('\n');
        return report.toString();
    }

    static String summary(List<TopicOutcome> outcomes) {
        Map<TopicOutcome.Result, Long> counts = outcomes.stream().collect(Collectors.groupingBy(
                TopicOutcome::result, () -> new EnumMap<>(TopicOutcome.Result.class), Collectors.counting()));
        if (counts.keySet().equals(java.util.Set.of(TopicOutcome.Result.UNCHANGED))) {
            return "all " + outcomes.size() + " topics as configured, nothing changed.";
        }
        return counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().label())
                .collect(Collectors.joining(", ", "", "."));
    }

    private static String table(List<TopicOutcome> outcomes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (TopicOutcome outcome : outcomes) {
            List<String> details = outcome.details().isEmpty() ? List.of("") : outcome.details();
            rows.add(List.of(outcome.name(), Integer.toString(outcome.partitions()),
                    Integer.toString(outcome.replicationFactor()), outcome.result().label(), details.get(0)));
            for (String more : details.subList(1, details.size())) {
                rows.add(List.of("", "", "", "", more));
            }
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(String.format("%-" + widths[column] + "s", row.get(column)));
                line.append(column < widths.length - 1 ? "  " : "");
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }
}
