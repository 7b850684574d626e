package io.purplesector.collector.demo.session;

import io.purplesector.collector.demo.driver.CarLimits;
import io.purplesector.collector.demo.driver.Drivetrain;
import io.purplesector.collector.demo.track.Circuits;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the demo session the bridge plays back on START_DEMO: the frames of a three-lap session
 * (out-lap and two timed laps) at 30 Hz, each as a length-delimited {@code TelemetryFrame},
 * gzip-compressed. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl collector-demo -am install -DskipTests && ./mvnw -q -pl collector-demo exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.purplesector.collector.demo.session.DemoRecording \
 *   -Dexec.args=$PWD/bridge-service/src/main/resources/demo/purple-park.frames.gz
 * </pre>
 */
public final class DemoRecording {

    private DemoRecording() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        DemoSession session = new DemoSession(new DemoSession.Settings("demo-playback", "", 2024, 30, 3),
                Circuits.PURPLE_PARK, CarLimits.GT3, Drivetrain.GT3, () -> 0L);
        int frames = 0;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            while (!session.finished()) {
                for (TelemetryRecord record : session.advance()) {
                    if (record.hasFrame()) {
                        record.getFrame().writeDelimitedTo(out);
                        frames++;
                    }
                }
            }
        }
        System.out.println("Wrote " + frames + " frames to " + target);
    }
}
