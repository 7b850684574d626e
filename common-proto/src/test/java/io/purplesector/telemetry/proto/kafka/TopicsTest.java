package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "driver_7", "Jane-Doe", "0123456789", "UPPER_lower-42"})
    void userTopicIsPrefixPlusUnchangedId(String userId) {
        assertThat(Topics.userTopic(userId)).isEqualTo("telemetry-user-" + userId);
        assertThat(Topics.userOf(Topics.userTopic(userId))).isEqualTo(userId);
        assertThat(Topics.USER_TOPIC_PATTERN.matcher(Topics.userTopic(userId)).matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jane.doe", "jane doe", "jane/doe", "jürgen", "a:b", "../etc", "a\nb"})
    void refusesIdsThatCannotNameATopicAndNamesIdAndRule(String userId) {
        assertThatThrownBy(() -> Topics.userTopic(userId))
                .isInstanceOfSatisfying(InvalidUserIdException.class,
                        e -> assertThat(e.userId()).isEqualTo(userId))
                .hasMessageContaining("\"" + userId + "\"")
                .hasMessageContaining("ASCII letter, a digit, '_' or '-'");
    }

    @Test
    void longestUserIdStillMakesALegalTopicName() {
        String longest = "u".repeat(Topics.MAX_USER_ID_LENGTH);

        assertThat(Topics.userTopic(longest)).hasSize(Topics.MAX_TOPIC_NAME_LENGTH);
        assertThatThrownBy(() -> Topics.userTopic(longest + "u"))
                .isInstanceOf(InvalidUserIdException.class)
                .hasMessageContaining("1 to 234 characters");
    }

    @Test
    void dotAndUnderscoreNeverBothAllowedSoUsersCannotCollide() {
        // Kafka treats telemetry-user-a.b and telemetry-user-a_b as colliding names.
        assertThat(Topics.userTopic("a_b")).isEqualTo("telemetry-user-a_b");
        assertThatThrownBy(() -> Topics.userTopic("a.b")).isInstanceOf(InvalidUserIdException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry", "commands", "telemetry-user-", "telemetry-user-a.dlt", "xtelemetry-user-a"})
    void userTopicPatternMatchesOnlyUserTopicsAndOtherTopicsBelongToNoUser(String topic) {
        assertThat(Topics.USER_TOPIC_PATTERN.matcher(topic).matches()).isFalse();
        assertThat(Topics.userOf(topic)).isEmpty();
    }
}
