package io.purplesector.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka broker of this test JVM: the one named by {@code PS_TEST_KAFKA_BROKERS}, or an in-JVM
 * KRaft broker started on first use and stopped when the JVM exits.
 *
 * <p>Started lazily rather than by spring-kafka-test's global listener so that test runs which
 * need no broker do not pay for one, and so that an external broker can take its place.
 * Like a production cluster, the broker does not create topics on first use: tests create the
 * topics they need, with names of their own so that they never see each other's records.
 */
public final class TestKafka {

    private TestKafka() {
    }

    /** Bootstrap servers of the broker, starting the embedded one if this is the first call. */
    public static String bootstrapServers() {
        return Holder.BOOTSTRAP_SERVERS;
    }

    /** Initialised on first access, once, by the JVM's class initialisation lock. */
    private static final class Holder {

        static final String BOOTSTRAP_SERVERS = start();

        private static String start() {
            String external = InfrastructureSettings.fromEnvironment().kafkaBrokers();
            if (external != null) {
                return external;
            }
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(Map.of(
                    "auto.create.topics.enable", "false",
                    "group.initial.rebalance.delay.ms", "0"));
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "test-kafka-shutdown"));
            return broker.getBrokersAsString();
        }
    }
}
