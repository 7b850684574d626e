package io.purplesector.collector.publish;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every collector publishes to, under {@code purplesector.collector}.
 *
 * @param source the collector's name, in each record's {@code source} header and the metrics' tag
 * @param telemetryTopic the shared topic, for records of no user
 * @param userTopic how the users' topics this collector creates are set up
 */
@Validated
@ConfigurationProperties("purplesector.collector")
public record CollectorProperties(
        @NotBlank String source,
        @DefaultValue("telemetry") @NotBlank String telemetryTopic,
        @DefaultValue @NotNull @Valid UserTopicSettings userTopic) {
}
