package io.purplesector.collector.acc.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Why a command for ACC is refused, in words for the dashboard, and the count of each outcome. */
final class CommandOutcomes {

    static final String BROADCASTING_OFF = "broadcasting is switched off in the collector";
    static final String NOT_REGISTERED = "not registered with ACC's broadcasting: the game is not in a session"
            + " or not reachable";
    static final String READ_ONLY = "read-only: the game did not accept the command password"
            + " (purplesector.acc.broadcasting.command-password must equal commandPassword in broadcasting.json)";
    static final String OTHER_SESSION = "the command names a session that is not the game's current one";
    static final String NO_SESSION_TIME = "no session time from the game yet, so no replay can be placed";

    private final Counter carriedOut;
    private final Map<String, Counter> refused;

    CommandOutcomes(MeterRegistry registry) {
        carriedOut = Counter.builder("collector.commands.carried-out").description("Commands sent to the game")
                .register(registry);
        refused = Map.of(BROADCASTING_OFF, refused(registry, "broadcasting-off"),
                NOT_REGISTERED, refused(registry, "not-registered"),
                READ_ONLY, refused(registry, "read-only"),
                OTHER_SESSION, refused(registry, "other-session"),
                NO_SESSION_TIME, refused(registry, "no-session-time"));
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("collector.commands.refused").tag("reason", reason)
                .description("Commands not carried out, by why").register(registry);
    }

    void count(@Nullable String refusal) {
        (refusal == null ? carriedOut : refused.get(refusal)).increment();
    }
}
