package io.purplesector.telemetry.proto.kafka;

import io.purplesector.telemetry.proto.AccChangeCamera;
import io.purplesector.telemetry.proto.AccChangeFocus;
import io.purplesector.telemetry.proto.AccChangeHudPage;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.Flag;
import io.purplesector.telemetry.proto.Game;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PauseSession;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.ResumeSession;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.SessionStarted;
import io.purplesector.telemetry.proto.SessionType;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.StopSession;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.Wheels;
import java.util.List;

/** One fully populated message of every kind, with values in the games' plausible ranges. */
final class SampleMessages {

    static final String SESSION = "session-42";
    static final String USER = "driver_7";

    private SampleMessages() {
    }

    static TelemetryFrame frame() {
        return TelemetryFrame.newBuilder()
                .setTimestamp(1_700_000_123_456L).setSpeed(209.45f).setThrottle(1f).setBrake(0f)
                .setSteering(-8.2f).setGear(5).setRpm(6833).setNormalizedPosition(0.42f)
                .setLapNumber(2).setLapTime(41_200).setSessionTime(118.3f)
                .setSessionType(SessionType.PRACTICE_VALUE).setTrackPosition(1).setDelta(-350)
                .setSessionId(SESSION).setUserId(USER).setSequence(7_321)
                .setClutch(0f).setEngineRpm(6832.7f).setRawGear(6).setLimiterActive(true)
                .setWorldX(-176.48f).setWorldY(-6.58f).setWorldZ(102.82f)
                .setGLateral(1.9f).setGLongitudinal(-0.3f).setGVertical(1.02f)
                .setTyrePressure(wheels(27.5f)).setTyreCoreTemperature(wheels(85f))
                .setBrakeTemperature(wheels(420f)).setWheelSlip(wheels(0.04f))
                .setWheelAngularSpeed(wheels(180f)).setTyreLoad(wheels(3900f))
                .setSuspensionTravel(wheels(0.05f)).setFuel(41.5f)
                .setAbsEnabled(true).setAbsActive(false).setTcEnabled(true).setTcActive(true)
                .setPitState(PitState.ON_TRACK).setFlag(Flag.FLAG_GREEN)
                .setLapValid(true).setSector(1).setLastLapTime(77_288).setBestLapTime(77_288)
                .build();
    }

    private static Wheels wheels(float base) {
        return Wheels.newBuilder().setFrontLeft(base).setFrontRight(base + 1)
                .setRearLeft(base + 2).setRearRight(base + 3).build();
    }

    static List<TelemetryRecord> telemetryRecords() {
        return List.of(
                TelemetryRecord.newBuilder().setFrame(frame()).build(),
                TelemetryRecord.newBuilder().setSessionStarted(SessionStarted.newBuilder()
                        .setSessionId(SESSION).setUserId(USER).setGame(Game.ASSETTO_CORSA)
                        .setTrack("ks_monza66").setTrackConfiguration("full").setCar("bmw_m3_e30_gra")
                        .setDriver("Jane Doe").setSessionType(SessionType.RACE)
                        .setStartedAt(1_700_000_000_000L).setTrackLength(5_793f).setSectorCount(3)
                        .setSource("collector-ac")).build(),
                TelemetryRecord.newBuilder().setLapCompleted(LapCompleted.newBuilder()
                        .setSessionId(SESSION).setUserId(USER).setLapNumber(1).setLapTime(77_288)
                        .setTimeFromGame(true).setValid(false).addAllSectorTimes(List.of(27_001, 25_143, 25_144))
                        .setCompletedAt(1_700_000_077_288L).setLastFrameSequence(4_637)).build(),
                TelemetryRecord.newBuilder().setSessionEnded(SessionEnded.newBuilder()
                        .setSessionId(SESSION).setUserId(USER).setEndedAt(1_700_000_900_000L)
                        .setReason(SessionEndReason.GAME_SILENT).setLastFrameSequence(54_000)).build());
    }

    static List<Command> commands() {
        Command base = Command.newBuilder().setCommandId("c-1").setUserId(USER).setSessionId(SESSION)
                .setIssuedAt(1_700_000_000_500L).build();
        return List.of(
                base.toBuilder().setStartDemoSession(StartDemoSession.newBuilder()
                        .setLaps(3).setSeed(42).setRateHz(60)).build(),
                base.toBuilder().setStopSession(StopSession.getDefaultInstance()).build(),
                base.toBuilder().setPauseSession(PauseSession.getDefaultInstance()).build(),
                base.toBuilder().setResumeSession(ResumeSession.getDefaultInstance()).build(),
                base.toBuilder().setAccChangeFocus(AccChangeFocus.newBuilder().setCarIndex(12)).build(),
                base.toBuilder().setAccChangeCamera(AccChangeCamera.newBuilder()
                        .setCameraSet("Drivable").setCamera("Cockpit")).build(),
                base.toBuilder().setAccChangeHudPage(AccChangeHudPage.newBuilder().setHudPage("Basic HUD")).build());
    }
}
