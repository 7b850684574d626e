package io.purplesector.kafkasetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class SetupFailedExceptionTest {

    @Test
    void explainsTimeoutAuthorizationAndWrappedCauses() {
        assertThat(SetupFailedException.explain(new TimeoutException("Timed out waiting for a node assignment.")))
                .isEqualTo("no answer within the timeout (Timed out waiting for a node assignment.)");
        assertThat(SetupFailedException.explain(new TopicAuthorizationException("Authorization failed.")))
                .isEqualTo("not allowed (Authorization failed.)");
        assertThat(SetupFailedException.explain(new KafkaException("Failed to create new KafkaAdminClient",
                new ConfigException("No resolvable bootstrap urls"))))
                .isEqualTo("KafkaException: Failed to create new KafkaAdminClient"
                        + " (ConfigException: No resolvable bootstrap urls)");
    }

    @Test
    void keepsOnlyTheFirstLineOfAMessage() {
        assertThat(SetupFailedException.explain(new IllegalStateException("first\nsecond")))
                .isEqualTo("IllegalStateException: first");
    }

    @Test
    void awaitTurnsAFailedRequestIntoAReasonNamingTheActivity() {
        KafkaFutureImpl<String> future = new KafkaFutureImpl<>();
        future.completeExceptionally(new TopicAuthorizationException("Authorization failed."));

        assertThatThrownBy(() -> SetupFailedException.await(future, "creating topic telemetry"))
                .isInstanceOf(SetupFailedException.class)
                .hasMessage("creating topic telemetry: not allowed (Authorization failed.)");
        assertThat(SetupFailedException.await(KafkaFuture.completedFuture("ok"), "x")).isEqualTo("ok");
    }
}
