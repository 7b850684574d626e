package io.purplesector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoragePriorityTest {

    @Test
    void storageYieldsByDefaultAndZeroLeavesItAsEveryOtherPart() {
        assertThat(StoragePriority.of(null).commandPrefix()).containsExactly("nice", "-n", "10");
        assertThat(StoragePriority.of(" ").commandPrefix()).containsExactly("nice", "-n", "10");
        assertThat(StoragePriority.of(" 19 ").commandPrefix()).containsExactly("nice", "-n", "19");
        assertThat(StoragePriority.of("0").commandPrefix()).isEmpty();
    }

    @Test
    void aValueThatIsNoNiceValueIsRefusedByName() {
        for (String wrong : new String[] {"-1", "20", "2147483648", "ten", "1.5"}) {
            assertThatThrownBy(() -> StoragePriority.of(wrong)).isInstanceOf(StackException.class)
                    .hasMessageContaining("PS_STORAGE_NICE must be a nice value from 0 to 19");
        }
    }

    @Test
    void aRunningProcessAndTheProcessesItStartedAreLoweredAndWhatItStartsLaterInheritsIt() throws Exception {
        // A shell that has started one child, and starts another once told to (by a file appearing).
        Path go = Files.createTempFile("storage-priority", ".go");
        Files.delete(go);
        Process parent = new ProcessBuilder("bash", "-c",
                "sleep 60 & while [ ! -e " + go + " ]; do sleep 0.05; done; sleep 60 & wait").start();
        try {
            ProcessHandle first = awaitChildren(parent, 1).get(0);
            new StoragePriority(7).lower(parent.toHandle());
            assertThat(Niceness.of(parent.pid())).isEqualTo(7);
            assertThat(Niceness.of(first.pid())).isEqualTo(7);

            Files.createFile(go);
            ProcessHandle later = awaitChildren(parent, 2).stream().filter(child -> child.pid() != first.pid())
                    .findFirst().orElseThrow();
            assertThat(Niceness.of(later.pid())).isEqualTo(7);
        } finally {
            parent.descendants().forEach(ProcessHandle::destroy);
            parent.destroy();
            parent.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(go);
        }
    }

    @Test
    void zeroLeavesARunningProcessAlone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            new StoragePriority(0).lower(sleeper.toHandle());
            assertThat(Niceness.of(sleeper.pid())).isZero();
        } finally {
            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The shell's {@code sleep 60} children (not the short sleeps of its wait), once there are {@code count}. */
    private static List<ProcessHandle> awaitChildren(Process parent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> sleepers = List.of();
        while (sleepers.size() < count) {
            assertThat(System.nanoTime()).as("the shell's children started").isLessThan(deadline);
            Thread.sleep(20);
            sleepers = parent.children().filter(child -> List.of(child.info().arguments().orElse(new String[0]))
                    .equals(List.of("60"))).toList();
        }
        return sleepers;
    }
}
