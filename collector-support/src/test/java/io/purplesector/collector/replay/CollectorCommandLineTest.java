package io.purplesector.collector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollectorCommandLineTest {

    @Test
    void recordAndReplayAsTheReadmeWritesThemBecomeTheCollectorsProperties() {
        assertThat(CollectorCommandLine.arguments("purplesector.acc",
                new String[] {"--replay", "race.pcap", "--record", "out.pcap", "--server.port=0"}))
                .containsExactly("--purplesector.acc.replay=race.pcap", "--purplesector.acc.record=out.pcap",
                        "--server.port=0");
    }

    @Test
    void springsOwnFormAndATrailingOptionWithoutValuePassUnchanged() {
        assertThat(CollectorCommandLine.arguments("purplesector.ac",
                new String[] {"--purplesector.ac.replay=a.pcap", "--record"}))
                .containsExactly("--purplesector.ac.replay=a.pcap", "--record");
    }
}
