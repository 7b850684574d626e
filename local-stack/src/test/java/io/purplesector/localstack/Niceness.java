package io.purplesector.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's nice value, as Linux reports it. */
final class Niceness {

    private Niceness() {
    }

    /**
     * Field 19 of {@code /proc/<pid>/stat}, counted after the command's name: that name is in
     * parentheses and may itself hold spaces and parentheses.
     */
    static int of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[19 - 3]);
    }
}
