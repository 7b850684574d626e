package io.purplesector.collector.acc.command;

import io.purplesector.collector.acc.protocol.BroadcastingRequests;
import io.purplesector.telemetry.proto.AccChangeCamera;
import io.purplesector.telemetry.proto.AccInstantReplay;
import io.purplesector.telemetry.proto.Command;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A command in broadcasting's terms (B.3): the request to send for the connection, or nothing
 * for a command that is not ACC's (a demo session, say).
 */
public final class CommandTranslator {

    private CommandTranslator() {
    }

    /**
     * @param sessionTimeMs the game's session time now, for an instant replay's start
     */
    public static Optional<IntFunction<byte[]>> request(Command command, float sessionTimeMs) {
        return switch (command.getActionCase()) {
            case ACC_CHANGE_FOCUS -> Optional.of(connection -> BroadcastingRequests.changeFocus(connection,
                    command.getAccChangeFocus().getCarIndex(), null, null));
            case ACC_CHANGE_CAMERA -> {
                AccChangeCamera camera = command.getAccChangeCamera();
                yield Optional.of(connection -> BroadcastingRequests.changeFocus(connection, null,
                        camera.getCameraSet(), camera.getCamera()));
            }
            case ACC_CHANGE_HUD_PAGE -> Optional.of(connection -> BroadcastingRequests.changeHudPage(connection,
                    command.getAccChangeHudPage().getHudPage()));
            case ACC_INSTANT_REPLAY -> {
                AccInstantReplay replay = command.getAccInstantReplay();
                float start = Math.max(0, sessionTimeMs - replay.getSecondsBack() * 1000);
                yield Optional.of(connection -> BroadcastingRequests.instantReplay(connection, start,
                        replay.getDurationSeconds() * 1000, replay.getCarIndex(), replay.getCameraSet(),
                        replay.getCamera()));
            }
            default -> Optional.empty();
        };
    }
}
