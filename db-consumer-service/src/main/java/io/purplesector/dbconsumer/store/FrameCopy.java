package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.frame.FrameFields;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * One COPY of frames into {@code telemetry_frames}, streamed: rows go to the server in pieces
 * while the caller decodes the next ones, so that PostgreSQL parses and stores rows at the same
 * time as the consumer prepares them (on two cores, the difference between one and the other
 * waiting). Nothing else may use the connection until {@link #finish()}.
 */
public final class FrameCopy {

    /** How much is encoded before it is sent: large enough for few round trips, small enough to overlap. */
    static final int PIECE_BYTES = 128 * 1024;

    private final CopyIn copy;
    private final CopyBuffer buffer;
    private final FrameRows rows;
    private long frames;

    FrameCopy(CopyIn copy, CopyBuffer buffer) {
        this.copy = copy;
        this.buffer = buffer;
        this.rows = new FrameRows(buffer);
        buffer.start();
    }

    /** Adds one frame of a session under the sequence number it is stored with. */
    public void add(long sessionRef, long sequence, FrameFields frame) throws SQLException {
        rows.add(sessionRef, sequence, frame);
        frames++;
        if (buffer.size() >= PIECE_BYTES) {
            send();
        }
    }

    public long frames() {
        return frames;
    }

    /**
     * Ends the COPY.
     *
     * @return the number of rows the server stored
     */
    public long finish() throws SQLException {
        buffer.finish();
        send();
        return copy.endCopy();
    }

    /** Abandons the COPY (the transaction is being rolled back). */
    void cancel() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void send() throws SQLException {
        copy.writeToCopy(buffer.bytes(), 0, buffer.size());
        buffer.drain();
    }
}
