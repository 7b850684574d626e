package io.purplesector.collector.acc.sharedmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageDecodersTest {

    @Test
    void readsThePhysicsPageAtTheDocumentedOffsets() {
        PhysicsPage physics = PhysicsPage.decode(PageImage.of(Page.PHYSICS)
                .i32(0, 4711).f32(4, 0.75f).f32(8, 0.25f).f32(12, 61.5f).i32(16, 4).i32(20, 7250)
                .f32(24, -0.3f).f32(28, 212.4f).vector(32, 1, 2, 58).vector(44, 1.4f, 0.98f, -2.1f)
                .wheels(56, 0.1f, 0.2f, 0.3f, 0.4f).wheels(88, 27.1f, 27.2f, 27.3f, 27.4f)
                .wheels(104, 170, 171, 172, 173).wheels(152, 80, 81, 82, 83).wheels(184, 0.01f, 0.02f, 0.03f, 0.04f)
                .f32(204, 0.5f).f32(208, 1.57f).f32(212, 0.02f).f32(216, -0.01f).i32(248, 1).f32(252, 1)
                .f32(288, 24).f32(292, 31).wheels(348, 450, 451, 300, 301).f32(364, 0.9f).i32(416, 1)
                .f32(564, 0.56f).wheels(640, 0.05f, 0.06f, 0.07f, 0.08f).wheels(656, 1, 2, 3, 4)
                .f32(712, 92.5f).i32(780, 1).buffer());

        assertThat(physics.packetId()).isEqualTo(4711);
        assertThat(physics.gas()).isEqualTo(0.75f);
        assertThat(physics.brake()).isEqualTo(0.25f);
        assertThat(physics.fuel()).isEqualTo(61.5f);
        assertThat(physics.rawGear()).isEqualTo(4);
        assertThat(physics.gear()).as("raw 0 = R, 1 = N, 2 = 1st (C.6.5)").isEqualTo(3);
        assertThat(physics.rpm()).isEqualTo(7250);
        assertThat(physics.steerAngle()).isEqualTo(-0.3f);
        assertThat(physics.speedKmh()).isEqualTo(212.4f);
        assertThat(physics.velocity()).isEqualTo(new Vector3(1, 2, 58));
        assertThat(physics.accG()).isEqualTo(new Vector3(1.4f, 0.98f, -2.1f));
        assertThat(physics.wheelSlip()).isEqualTo(new Wheels(0.1f, 0.2f, 0.3f, 0.4f));
        assertThat(physics.tyrePressure()).isEqualTo(new Wheels(27.1f, 27.2f, 27.3f, 27.4f));
        assertThat(physics.wheelAngularSpeed()).isEqualTo(new Wheels(170, 171, 172, 173));
        assertThat(physics.tyreCoreTemperature()).isEqualTo(new Wheels(80, 81, 82, 83));
        assertThat(physics.suspensionTravel()).isEqualTo(new Wheels(0.01f, 0.02f, 0.03f, 0.04f));
        assertThat(physics.tcActive()).isEqualTo(0.5f);
        assertThat(physics.heading()).isEqualTo(1.57f);
        assertThat(physics.pitch()).isEqualTo(0.02f);
        assertThat(physics.roll()).isEqualTo(-0.01f);
        assertThat(physics.pitLimiterOn()).isTrue();
        assertThat(physics.absActive()).isEqualTo(1);
        assertThat(physics.airTemperature()).isEqualTo(24);
        assertThat(physics.roadTemperature()).isEqualTo(31);
        assertThat(physics.brakeTemperature()).isEqualTo(new Wheels(450, 451, 300, 301));
        assertThat(physics.clutch()).isEqualTo(0.9f);
        assertThat(physics.aiControlled()).isTrue();
        assertThat(physics.brakeBias()).isEqualTo(0.56f);
        assertThat(physics.slipRatio()).isEqualTo(new Wheels(0.05f, 0.06f, 0.07f, 0.08f));
        assertThat(physics.slipAngle()).isEqualTo(new Wheels(1, 2, 3, 4));
        assertThat(physics.waterTemperature()).isEqualTo(92.5f);
        assertThat(physics.engineRunning()).isTrue();
    }

    @Test
    void readsTheGraphicsPageWithItsPaddedTextAndEveryCarOnTrack() {
        GraphicsPage graphics = GraphicsPage.decode(PageImage.of(Page.GRAPHICS)
                .i32(0, 99).i32(4, 2).i32(8, 2).i32(132, 7).i32(136, 3).i32(140, 45_123).i32(144, 93_695)
                .i32(148, 93_145).f32(152, 600_000).f32(156, 31_000).i32(160, 0).i32(164, 1).i32(168, 28_935)
                .i32(172, 7).text(176, 33, "dry_compound").f32(248, 0.4375f).i32(252, 3)
                .vector(256, 10, 1, 20).vector(268, -107.14f, 2, 358.75f).vector(280, 5, 0, 6)
                .i32(976, 0).i32(980, 13).i32(984, 4).i32(1216, 13).i32(1224, 2).i32(1236, 1)
                .i32(1268, 3).i32(1280, 2).f32(1284, 2.9f).i32(1320, 4).i32(1360, -412).i32(1404, 23_505)
                .i32(1408, 1).f32(1488, 55_190.7f).i32(1580, 1_200).i32(1584, 2_500).buffer());

        assertThat(graphics.packetId()).isEqualTo(99);
        assertThat(graphics.status()).isEqualTo(GraphicsPage.STATUS_LIVE);
        assertThat(graphics.sessionType()).isEqualTo(2);
        assertThat(graphics.completedLaps()).isEqualTo(7);
        assertThat(graphics.position()).isEqualTo(3);
        assertThat(graphics.currentLapMs()).isEqualTo(45_123);
        assertThat(graphics.lastLapMs()).isEqualTo(93_695);
        assertThat(graphics.bestLapMs()).isEqualTo(93_145);
        assertThat(graphics.sessionTimeLeftMs()).isEqualTo(600_000);
        assertThat(graphics.distanceTraveled()).isEqualTo(31_000);
        assertThat(graphics.inPit()).isFalse();
        assertThat(graphics.currentSectorIndex()).isEqualTo(1);
        assertThat(graphics.lastSectorMs()).isEqualTo(28_935);
        assertThat(graphics.numberOfLaps()).isEqualTo(7);
        assertThat(graphics.tyreCompound()).isEqualTo("dry_compound");
        assertThat(graphics.normalizedCarPosition()).as("after the 2 pad bytes at 242").isEqualTo(0.4375f);
        assertThat(graphics.cars()).extracting(GraphicsPage.CarPosition::carId).containsExactly(0, 13, 4);
        assertThat(graphics.playerCarId()).isEqualTo(13);
        assertThat(graphics.playerPosition()).contains(new Vector3(-107.14f, 2, 358.75f));
        assertThat(graphics.flag()).isEqualTo(2);
        assertThat(graphics.inPitLane()).isTrue();
        assertThat(graphics.tcLevel()).isEqualTo(3);
        assertThat(graphics.absLevel()).isEqualTo(2);
        assertThat(graphics.fuelPerLap()).isEqualTo(2.9f);
        assertThat(graphics.sessionIndex()).isEqualTo(4);
        assertThat(graphics.deltaLapMs()).as("after the 2 pad bytes at 1358").isEqualTo(-412);
        assertThat(graphics.splitMs()).isEqualTo(23_505);
        assertThat(graphics.validLap()).isTrue();
        assertThat(graphics.clockSeconds()).isEqualTo(55_190.7f);
        assertThat(graphics.gapAheadMs()).isEqualTo(1_200);
        assertThat(graphics.gapBehindMs()).isEqualTo(2_500);
    }

    @Test
    void readsTheStaticPageWithTextCutAtItsFirstNul() {
        StaticPage fixed = StaticPage.decode(PageImage.of(Page.STATIC)
                .text(0, 15, "1.8").text(30, 15, "1.10.2").i32(60, 3).i32(64, 24)
                .text(68, 33, "ferrari_488_gt3").text(134, 33, "spa").text(200, 33, "Luca")
                .text(266, 33, "Stolz").text(332, 33, "STO").i32(400, 3).i32(412, 7_500).f32(416, 120)
                .i32(684, 1).buffer());

        assertThat(fixed.sharedMemoryVersion()).isEqualTo("1.8");
        assertThat(fixed.gameVersion()).isEqualTo("1.10.2");
        assertThat(fixed.numberOfSessions()).isEqualTo(3);
        assertThat(fixed.numCars()).isEqualTo(24);
        assertThat(fixed.carModel()).isEqualTo("ferrari_488_gt3");
        assertThat(fixed.track()).isEqualTo("spa");
        assertThat(fixed.driver()).isEqualTo("Luca Stolz");
        assertThat(fixed.playerNick()).isEqualTo("STO");
        assertThat(fixed.sectorCount()).as("after the 2 pad bytes at 398").isEqualTo(3);
        assertThat(fixed.maxRpm()).isEqualTo(7_500);
        assertThat(fixed.maxFuel()).isEqualTo(120);
        assertThat(fixed.online()).isTrue();
    }

    @Test
    void textFillingItsWholeFieldEndsAtTheFieldAndNotInTheNextOne() {
        String full = "a".repeat(33);
        StaticPage fixed = StaticPage.decode(PageImage.of(Page.STATIC).text(68, 33, full).text(134, 33, "spa").buffer());

        assertThat(fixed.carModel()).isEqualTo(full);
        assertThat(fixed.track()).isEqualTo("spa");
    }

    @Test
    void readsOnlyTheStructOfALargerBridgeFileAndLeavesTheBufferAlone() {
        ByteBuffer file = PageImage.ofSize(2048).i32(0, 5).f32(28, 100).buffer();
        file.position(0);

        assertThat(PhysicsPage.decode(file).speedKmh()).isEqualTo(100);
        assertThat(file.position()).isZero();
    }

    @Test
    void refusesAPageShorterThanItsStruct() {
        assertThatIllegalArgumentException().isThrownBy(() -> PhysicsPage.decode(ByteBuffer.allocate(799)))
                .withMessageContaining("800");
        assertThatIllegalArgumentException().isThrownBy(() -> GraphicsPage.decode(ByteBuffer.allocate(1587)));
        assertThatIllegalArgumentException().isThrownBy(() -> StaticPage.decode(ByteBuffer.allocate(0)));
    }

    @Test
    void anyBytesOfTheRightSizeDecodeToAValue() {
        Random random = new Random(17);
        for (int round = 0; round < 10_000; round++) {
            byte[] bytes = new byte[Page.GRAPHICS.size()];
            random.nextBytes(bytes);
            assertThat(PhysicsPage.decode(ByteBuffer.wrap(bytes))).isNotNull();
            GraphicsPage graphics = GraphicsPage.decode(ByteBuffer.wrap(bytes));
            assertThat(graphics.cars()).hasSizeLessThanOrEqualTo(GraphicsPage.MAX_CARS);
            assertThat(StaticPage.decode(ByteBuffer.wrap(bytes)).carModel()).hasSizeLessThanOrEqualTo(33);
        }
    }
}
