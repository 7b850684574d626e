package io.purplesector.kafkasetup;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * What the cluster says about itself.
 *
 * @param id the cluster id
 * @param brokers how many brokers are alive
 * @param controller id of the node reported as controller
 */
record Cluster(String id, int brokers, int controller) {

    /**
     * Asks the cluster to describe itself.
     *
     * @throws SetupFailedException when it does not answer, has no brokers or no controller
     */
    static Cluster describe(Admin admin, String bootstrapServers, int timeoutMs) {
        String activity = "connecting to Kafka at " + bootstrapServers;
        DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        String id = SetupFailedException.await(result.clusterId(), activity);
        int brokers = SetupFailedException.await(result.nodes(), activity).size();
        Node controller = SetupFailedException.await(result.controller(), activity);
        if (brokers == 0) {
            throw new SetupFailedException(activity + ": the cluster reports no live broker");
        }
        if (controller == null || controller.isEmpty()) {
            throw new SetupFailedException(activity + ": the cluster reports no controller");
        }
        return new Cluster(id, brokers, controller.id());
    }
}
