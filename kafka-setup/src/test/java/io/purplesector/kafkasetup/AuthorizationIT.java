package io.purplesector.kafkasetup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A broker of its own with an authorizer that lets every client do everything except create
 * topics whose names start with {@code denied-}, as a locked-down production cluster would.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationIT {

    private static final String ANYONE = "User:ANONYMOUS";

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBrokerWithAuthorizer() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found", "true",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            admin.createAcls(List.of(
                    acl(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                            AclOperation.ALL, AclPermissionType.ALLOW),
                    acl(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                            AclOperation.CREATE, AclPermissionType.DENY),
                    acl(new ResourcePattern(ResourceType.TOPIC, "denied-", PatternType.PREFIXED),
                            AclOperation.CREATE, AclPermissionType.DENY))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void failsWithOneLineReasonWhenNotAllowedToCreateTopics(CapturedOutput output) {
        int exitCode = SpringApplication.exit(SpringApplication.run(KafkaSetupApplication.class,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--purplesector.kafka-setup.timeout=10s",
                "--purplesector.kafka-setup.topics.telemetry.name=denied-telemetry",
                "--purplesector.kafka-setup.topics.commands.name=denied-commands",
                "--purplesector.kafka-setup.topics.health.name=denied-health"));

        assertThat(exitCode).isEqualTo(KafkaSetup.FAILED);
        // Its own line only: the embedded broker's threads may log to stderr meanwhile.
        assertThat(output.getErr().lines().filter(line -> line.startsWith("kafka-setup")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("kafka-setup failed: creating topic denied-telemetry: not allowed (");
    }

    private static AclBinding acl(ResourcePattern pattern, AclOperation operation, AclPermissionType permission) {
        return new AclBinding(pattern, new AccessControlEntry(ANYONE, "*", operation, permission));
    }
}
