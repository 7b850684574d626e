package io.purplesector.collector.demo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the demo collector runs. Defaults are in {@code application.yml}.
 *
 * @param users the users to drive for; an empty id publishes to the shared telemetry topic
 * @param sessionsPerUser sessions started for each user at start-up
 * @param rateHz frames per second of each session
 * @param timeScale how much faster than real time sessions run (1 = live); frames keep their
 *        spacing in session time, so 20 drives a lap in a twentieth of its lap time
 * @param laps laps per session, out-lap included; 0 drives until stopped
 * @param restart whether a session that finished is followed by a new one
 * @param seed seed of the first session; each further session adds one
 * @param autostart whether sessions start with the application or only on command
 * @param commandsTopic where start/stop/pause commands arrive
 * @param commandsGroup consumer group for commands; unique per instance so every instance sees
 *        every command
 * @param commands limits on what commands may start
 */
@Validated
@ConfigurationProperties("purplesector.demo")
public record DemoProperties(
        @NotNull List<@Pattern(regexp = "[A-Za-z0-9_-]{0,234}",
                message = "must be empty or 1 to 234 ASCII letters, digits, '_' or '-'") String> users,
        @Min(0) @Max(1000) int sessionsPerUser,
        @Min(1) @Max(1000) int rateHz,
        @Min(1) @Max(1000) int timeScale,
        @Min(0) int laps,
        boolean restart,
        long seed,
        boolean autostart,
        @NotBlank String commandsTopic,
        @NotBlank String commandsGroup,
        @NotNull @Valid Commands commands) {

    /**
     * @param maxSessionsPerUser sessions started by command that may run at once for one user;
     *        a start beyond it is refused (the configured sessions do not count)
     */
    public record Commands(@Min(0) @Max(1000) int maxSessionsPerUser) {
    }
}
