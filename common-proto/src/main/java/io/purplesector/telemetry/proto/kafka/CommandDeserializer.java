package io.purplesector.telemetry.proto.kafka;

import io.purplesector.telemetry.proto.Command;

/** Reads the values of the commands topic. */
public class CommandDeserializer extends ProtobufDeserializer<Command> {

    public CommandDeserializer() {
        super(Command.parser(), Command.getDescriptor());
    }

    @Override
    protected boolean hasPayload(Command command) {
        return command.getActionCase() != Command.ActionCase.ACTION_NOT_SET;
    }
}
