package io.purplesector.collector.replay;

import java.nio.file.Path;

/** What a replay did, as the one line it ends with. */
public record ReplaySummary(Path file, long read, long decoded, long malformed, long framesPublished,
        long publishErrors) {

    /** Every record reached the broker: the replay succeeded. */
    public boolean complete() {
        return publishErrors == 0;
    }

    @Override
    public String toString() {
        return String.format("Replayed %s: %d datagrams read, %d decoded, %d malformed, %d frames published%s",
                file, read, decoded, malformed, framesPublished,
                publishErrors > 0 ? ", " + publishErrors + " records NOT published (see the log)" : "");
    }
}
