package io.purplesector.bridge;

import io.purplesector.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** collector-demo run from the jar the build copied for these tests, as a process of its own. */
final class CollectorDemo {

    private CollectorDemo() {
    }

    static ServiceProcess start(Path log, String... arguments) throws IOException {
        return ServiceProcess.start(ServiceProcess.jarFromProperty("collector-demo.jar"), log, List.of("-Xmx256m"),
                arguments);
    }
}
