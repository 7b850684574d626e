package io.purplesector.collector.acc.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.broadcasting.BroadcastingSettings;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeUpdate;
import io.purplesector.collector.acc.protocol.LapInfo;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.Page;
import io.purplesector.collector.acc.sharedmemory.PageImage;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.collector.acc.sharedmemory.StaticPage;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge with the pages alone: sessions, frames and laps as the graphics page tells them. */
class AccSessionsTest {

    private final List<TelemetryRecord> out = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AccSessions sessions = new AccSessions("driver", Duration.ofSeconds(1), out::add, meters);
    private final StaticPage fixed = StaticPage.decode(PageImage.of(Page.STATIC).text(68, 33, "bmw_m4_gt3")
            .text(134, 33, "monza").text(200, 33, "Ada").text(266, 33, "Lovelace").i32(400, 3).buffer());
    private int packetId;

    @Test
    void startsASessionWithWhatTheStaticPageSaysAndPublishesAFramePerNewPhysicsPage() {
        pages(0, 2, 0, true, 1_000);
        pages(0, 2, 0, true, 1_016);

        assertThat(out.get(0).getSessionStarted()).satisfies(started -> {
            assertThat(started.getTrack()).isEqualTo("monza");
            assertThat(started.getCar()).isEqualTo("bmw_m4_gt3");
            assertThat(started.getDriver()).isEqualTo("Ada Lovelace");
            assertThat(started.getSectorCount()).isEqualTo(3);
        });
        assertThat(out.subList(1, 3)).allSatisfy(record -> assertThat(record.getFrame().getSpeed()).isEqualTo(150));
        assertThat(out.get(2).getFrame().getSequence()).isEqualTo(2);
        assertThat(sessions.mode()).isEqualTo(Mode.SHARED_MEMORY_ONLY);
    }

    @Test
    void reportsALapWhenTheCounterMovesWithTheValidityTheLapHadButNotTheLapsBeforeItJoined() {
        pages(0, 2, 4, true, 1_000);
        pages(0, 2, 4, false, 1_016);
        pages(0, 2, 5, true, 1_032);

        assertThat(laps()).singleElement().satisfies(lap -> {
            assertThat(lap.getLapNumber()).isEqualTo(5);
            assertThat(lap.getLapTime()).isEqualTo(93_695);
            assertThat(lap.getValid()).as("the lap was invalidated while it ran").isFalse();
            assertThat(lap.getLastFrameSequence()).isEqualTo(2);
        });
    }

    @Test
    void inTheMergeThePagesCounterReportsLapsWhileBroadcastingHasNoCarOfThePlayersIndex() {
        BroadcastingClient client = new BroadcastingClient(new BroadcastingSettings("test", "asd", "",
                Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(5)), datagram -> { }, meters);
        LapInfo none = new LapInfo(LapInfo.NO_TIME, 7, 0, List.of(), false, true, false, false);
        sessions.onBroadcast(new RealtimeUpdate(0, 0, 10, 5, 60_000, 600_000, 7, "Drivable", "Cockpit", "Basic HUD",
                false, 0, 0, 54_000, 22, 30, 0, 0, 0, none), client, 1_000);
        sessions.onBroadcast(new RealtimeCarUpdate(7, 0, 1, 3, 1, 2, 0, 1, 150, 1, 1, 1, 0.5f, 3, 0, none, none, none),
                client, 1_000);
        pages(0, 2, 4, true, 1_010);
        pages(0, 2, 5, true, 1_026);

        assertThat(sessions.mode()).isEqualTo(Mode.MERGED);
        assertThat(laps()).singleElement().satisfies(lap -> assertThat(lap.getLapNumber()).isEqualTo(5));
    }

    @Test
    void aNewSessionOfTheGameEndsTheLastOne() {
        pages(0, 2, 0, true, 1_000);
        pages(1, 2, 0, true, 2_000);

        assertThat(out).filteredOn(TelemetryRecord::hasSessionEnded).singleElement()
                .satisfies(end -> assertThat(end.getSessionEnded().getReason()).isEqualTo(SessionEndReason.FINISHED));
        assertThat(out).filteredOn(TelemetryRecord::hasSessionStarted).extracting(r -> r.getSessionStarted()
                .getSessionId()).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void theGameBackInItsMenusEndsTheSession() {
        pages(0, 2, 0, true, 1_000);
        pages(0, GraphicsPage.STATUS_OFF, 0, true, 1_100);

        assertThat(out.get(out.size() - 1).getSessionEnded().getReason()).isEqualTo(SessionEndReason.FINISHED);
        assertThat(sessions.sessionId()).isNull();
    }

    @Test
    void silenceOnBothSourcesEndsTheSessionWhenTheTimeoutPassed() {
        pages(0, 2, 0, true, 1_000);
        sessions.tick(2_000);
        assertThat(sessions.sessionId()).isNotNull();

        sessions.tick(2_001);
        assertThat(out.get(out.size() - 1).getSessionEnded()).satisfies(end -> {
            assertThat(end.getReason()).isEqualTo(SessionEndReason.GAME_SILENT);
            assertThat(end.getEndedAt()).isEqualTo(2_000);
        });
        assertThat(sessions.mode()).isEqualTo(Mode.WAITING);
    }

    @Test
    void aPageWithAValueNoCarCanHaveIsCountedAndDropped() {
        sessions.onPages(PhysicsPage.decode(PageImage.of(Page.PHYSICS).i32(0, 1).f32(28, Float.NaN).buffer()),
                graphics(0, 2, 0, true), fixed, 1_000);

        assertThat(out).noneMatch(TelemetryRecord::hasFrame);
        assertThat(meters.get("collector.frames.implausible").tag("channel", "SPEED").counter().count()).isEqualTo(1);
    }

    private List<io.purplesector.telemetry.proto.LapCompleted> laps() {
        return out.stream().filter(TelemetryRecord::hasLapCompleted).map(TelemetryRecord::getLapCompleted).toList();
    }

    private void pages(int sessionIndex, int status, int completedLaps, boolean valid, long at) {
        packetId++;
        PhysicsPage physics = PhysicsPage.decode(PageImage.of(Page.PHYSICS).i32(0, packetId).f32(4, 0.8f)
                .i32(16, 4).i32(20, 6_500).f32(28, 150).buffer());
        sessions.onPages(physics, graphics(sessionIndex, status, completedLaps, valid), fixed, at);
    }

    private GraphicsPage graphics(int sessionIndex, int status, int completedLaps, boolean valid) {
        return GraphicsPage.decode(PageImage.of(Page.GRAPHICS).i32(0, packetId).i32(4, status).i32(8, 2)
                .i32(132, completedLaps).i32(136, 3).i32(144, 93_695).f32(248, 0.5f).i32(1320, sessionIndex)
                .i32(1408, valid ? 1 : 0).buffer());
    }
}
