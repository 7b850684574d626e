package io.purplesector.collector.acc.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.acc.AccProperties;
import io.purplesector.telemetry.proto.AccChangeFocus;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.testsupport.BadInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A flood of commands meets a bounded queue: what does not fit is refused and counted, never queued. */
@BadInput
class AccCommandListenerTest {

    private final PendingCommands pending = new PendingCommands();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // Only the user matters to the listener; the rest of the settings are the link's.
    private final AccCommandListener listener = new AccCommandListener(pending,
            new AccProperties("driver", "localhost", 9000, Duration.ofSeconds(3), null, null, null, null, null, 1),
            meters);

    @Test
    void beyondTheWaitingCommandsLimitEachCommandIsRefusedAsBusyAndTheFirstOnesWaitInOrder() {
        for (int index = 0; index < PendingCommands.CAPACITY + 10; index++) {
            listener.on(focus("driver", index, 1));
        }

        assertThat(refused("busy")).isEqualTo(10);
        for (int index = 0; index < PendingCommands.CAPACITY; index++) {
            assertThat(pending.poll().getCommandId()).isEqualTo("command-" + index);
        }
        assertThat(pending.poll()).isNull();
        listener.on(focus("driver", 999, 1));
        assertThat(pending.poll().getCommandId()).as("room again once the link took them").isEqualTo("command-999");
    }

    @Test
    void anotherUsersCommandsAndCommandsAgainstTheRulesTakeNoRoom() {
        for (int index = 0; index < 1_000; index++) {
            listener.on(focus("someone-else", index, 1));
            listener.on(focus("driver", index, -1));
        }

        assertThat(pending.poll()).isNull();
        assertThat(refused("invalid")).isEqualTo(1_000);
        assertThat(refused("busy")).isZero();
    }

    private double refused(String reason) {
        return meters.counter("collector.commands.refused", "reason", reason).count();
    }

    private static Command focus(String user, int index, int carIndex) {
        return Command.newBuilder().setCommandId("command-" + index).setUserId(user)
                .setAccChangeFocus(AccChangeFocus.newBuilder().setCarIndex(carIndex)).build();
    }
}
