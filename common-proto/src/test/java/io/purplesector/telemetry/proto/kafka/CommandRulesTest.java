package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.telemetry.proto.AccChangeCamera;
import io.purplesector.telemetry.proto.AccChangeFocus;
import io.purplesector.telemetry.proto.AccChangeHudPage;
import io.purplesector.telemetry.proto.AccInstantReplay;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.StopSession;
import org.junit.jupiter.api.Test;

class CommandRulesTest {

    @Test
    void commandsWithinTheRangesKeepTheRules() {
        assertThat(CommandRules.problem(demo(0, 0))).isEmpty();
        assertThat(CommandRules.problem(demo(CommandRules.MAX_DEMO_RATE_HZ, CommandRules.MAX_DEMO_LAPS))).isEmpty();
        assertThat(CommandRules.problem(Command.newBuilder().setSessionId("demo-1")
                .setStopSession(StopSession.getDefaultInstance()).build())).isEmpty();
        assertThat(CommandRules.problem(Command.newBuilder().setAccChangeCamera(AccChangeCamera.newBuilder()
                .setCameraSet("Drivable").setCamera("Cockpit")).build())).isEmpty();
        assertThat(CommandRules.problem(Command.newBuilder().setAccChangeFocus(AccChangeFocus.newBuilder()
                .setCarIndex(CommandRules.MAX_CAR_INDEX)).build())).isEmpty();
    }

    @Test
    void aDemoAtAMillionHertzOrWithNegativeLapsIsRefusedWithTheRange() {
        assertThat(CommandRules.problem(demo(1_000_000, 1))).hasValue("rate_hz must be 0 (the collector's default) to 120");
        assertThat(CommandRules.problem(demo(-1, 1))).hasValueSatisfying(problem -> assertThat(problem).startsWith("rate_hz"));
        assertThat(CommandRules.problem(demo(60, -5))).hasValue("laps must be 0 (until stopped) to 1000");
        assertThat(CommandRules.problem(demo(60, Integer.MAX_VALUE))).isPresent();
    }

    @Test
    void noActionABadSessionIdAndOutlandishAccFieldsAreRefused() {
        assertThat(CommandRules.problem(Command.getDefaultInstance())).hasValue("a command needs an action");
        assertThat(CommandRules.problem(Command.newBuilder().setSessionId("x".repeat(129))
                .setStopSession(StopSession.getDefaultInstance()).build())).hasValueSatisfying(
                        problem -> assertThat(problem).startsWith("the session id"));
        assertThat(CommandRules.problem(Command.newBuilder().setAccChangeFocus(AccChangeFocus.newBuilder()
                .setCarIndex(-1)).build())).hasValue("car_index must be 0 to 65535");
        assertThat(CommandRules.problem(Command.newBuilder().setAccChangeHudPage(AccChangeHudPage.newBuilder()
                .setHudPage("h".repeat(65))).build())).isPresent();
        assertThat(CommandRules.problem(Command.newBuilder().setAccChangeCamera(AccChangeCamera.newBuilder()
                .setCameraSet("Drivable").setCamera("a\nb")).build())).isPresent();
    }

    @Test
    void anInstantReplayWithinItsRangesKeepsTheRulesAndOneOutsideIsRefused() {
        assertThat(CommandRules.problem(replay(30, 10, -1, "", ""))).isEmpty();
        assertThat(CommandRules.problem(replay(0, 600, 65_535, "Drivable", "Cockpit"))).isEmpty();
        assertThat(CommandRules.problem(replay(Float.NaN, 10, -1, "", ""))).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("seconds_back"));
        assertThat(CommandRules.problem(replay(3601, 10, -1, "", ""))).isPresent();
        assertThat(CommandRules.problem(replay(30, 0, -1, "", ""))).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("duration_seconds"));
        assertThat(CommandRules.problem(replay(30, Float.POSITIVE_INFINITY, -1, "", ""))).isPresent();
        assertThat(CommandRules.problem(replay(30, 10, -2, "", ""))).isPresent();
        assertThat(CommandRules.problem(replay(30, 10, -1, "Drivable", ""))).hasValue(
                "camera_set and camera go together: both or neither");
        assertThat(CommandRules.problem(replay(30, 10, -1, "Drivable", "x".repeat(65)))).isPresent();
    }

    private static Command replay(float back, float duration, int car, String cameraSet, String camera) {
        return Command.newBuilder().setAccInstantReplay(AccInstantReplay.newBuilder().setSecondsBack(back)
                .setDurationSeconds(duration).setCarIndex(car).setCameraSet(cameraSet).setCamera(camera)).build();
    }

    private static Command demo(int rateHz, int laps) {
        return Command.newBuilder().setStartDemoSession(StartDemoSession.newBuilder().setRateHz(rateHz).setLaps(laps))
                .build();
    }
}
