package io.purplesector.collector.acc;

import io.purplesector.collector.acc.simulator.AccSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The simulated game for an end-to-end test, its pages in a directory of its own under target/. */
final class SimulatedAcc {

    private SimulatedAcc() {
    }

    /** Starts the game as {@code settings} says, and points the collector's properties at it. */
    static AccSimulator start(Function<Path, AccSimulator.Settings> settings, DynamicPropertyRegistry registry)
            throws IOException {
        Path pages = Files.createTempDirectory(Path.of("target"), "acc-shm");
        AccSimulator game = new AccSimulator(settings.apply(pages));
        registry.add("purplesector.acc.game-port", game::port);
        registry.add("purplesector.acc.shared-memory.directory", pages::toString);
        return game;
    }
}
