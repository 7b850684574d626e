package io.purplesector.telemetry.proto.kafka;

import io.purplesector.telemetry.proto.AccInstantReplay;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.StartDemoSession;
import java.util.Optional;

/**
 * What a valid {@link Command} is: the ranges of its fields, checked where a command enters (the
 * bridge, answering the dashboard that sent it) and again where it is carried out (a collector,
 * since anything that can write to the commands topic can send one).
 */
public final class CommandRules {

    /** Fastest demo session a command may start; the live path runs at 60 Hz. */
    public static final int MAX_DEMO_RATE_HZ = 120;

    /** Most laps a command may ask of a demo session (0 drives until stopped). */
    public static final int MAX_DEMO_LAPS = 1000;

    /** Longest ACC camera set, camera or HUD page name, in characters. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Highest ACC car index: the broadcasting protocol carries it as an unsigned 16-bit number. */
    public static final int MAX_CAR_INDEX = 0xffff;

    /** An instant replay starts at most an hour back and plays at most ten minutes. */
    public static final float MAX_REPLAY_SECONDS_BACK = 3600;
    public static final float MAX_REPLAY_DURATION_SECONDS = 600;

    private CommandRules() {
    }

    /** What is wrong with the command, or nothing when it keeps the rules. */
    public static Optional<String> problem(Command command) {
        if (!command.getSessionId().isEmpty() && !SessionIds.isValid(command.getSessionId())) {
            return Optional.of("the session id must be 1 to " + SessionIds.MAX_BYTES
                    + " bytes of UTF-8 without control characters");
        }
        return switch (command.getActionCase()) {
            case ACTION_NOT_SET -> Optional.of("a command needs an action");
            case START_DEMO_SESSION -> demoProblem(command.getStartDemoSession());
            case ACC_CHANGE_FOCUS -> command.getAccChangeFocus().getCarIndex() < 0
                    || command.getAccChangeFocus().getCarIndex() > MAX_CAR_INDEX
                    ? Optional.of("car_index must be 0 to " + MAX_CAR_INDEX) : Optional.empty();
            case ACC_CHANGE_CAMERA -> nameProblem("camera_set", command.getAccChangeCamera().getCameraSet())
                    .or(() -> nameProblem("camera", command.getAccChangeCamera().getCamera()));
            case ACC_CHANGE_HUD_PAGE -> nameProblem("hud_page", command.getAccChangeHudPage().getHudPage());
            case ACC_INSTANT_REPLAY -> replayProblem(command.getAccInstantReplay());
            case STOP_SESSION, PAUSE_SESSION, RESUME_SESSION -> Optional.empty();
        };
    }

    private static Optional<String> demoProblem(StartDemoSession start) {
        if (start.getRateHz() < 0 || start.getRateHz() > MAX_DEMO_RATE_HZ) {
            return Optional.of("rate_hz must be 0 (the collector's default) to " + MAX_DEMO_RATE_HZ);
        }
        if (start.getLaps() < 0 || start.getLaps() > MAX_DEMO_LAPS) {
            return Optional.of("laps must be 0 (until stopped) to " + MAX_DEMO_LAPS);
        }
        return Optional.empty();
    }

    private static Optional<String> replayProblem(AccInstantReplay replay) {
        if (!(replay.getSecondsBack() >= 0 && replay.getSecondsBack() <= MAX_REPLAY_SECONDS_BACK)) {
            return Optional.of("seconds_back must be 0 to " + MAX_REPLAY_SECONDS_BACK);
        }
        if (!(replay.getDurationSeconds() > 0 && replay.getDurationSeconds() <= MAX_REPLAY_DURATION_SECONDS)) {
            return Optional.of("duration_seconds must be more than 0 and at most " + MAX_REPLAY_DURATION_SECONDS);
        }
        if (replay.getCarIndex() < -1 || replay.getCarIndex() > MAX_CAR_INDEX) {
            return Optional.of("car_index must be -1 (the current focus) to " + MAX_CAR_INDEX);
        }
        if (replay.getCameraSet().isEmpty() != replay.getCamera().isEmpty()) {
            return Optional.of("camera_set and camera go together: both or neither");
        }
        return replay.getCameraSet().isEmpty() ? Optional.empty()
                : nameProblem("camera_set", replay.getCameraSet()).or(() -> nameProblem("camera", replay.getCamera()));
    }

    private static Optional<String> nameProblem(String field, String name) {
        return name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)
                ? Optional.of(field + " must be 1 to " + MAX_NAME_LENGTH + " characters without control characters")
                : Optional.empty();
    }
}
