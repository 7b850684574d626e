package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.dbconsumer.session.SessionCache;
import io.purplesector.dbconsumer.session.TrackedSession;
import io.purplesector.dbconsumer.store.FrameCopy;
import io.purplesector.dbconsumer.store.LapStore;
import io.purplesector.dbconsumer.store.SessionStore;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one batch writes, inside its transaction: its frames into the COPY as they are read, and,
 * once the COPY is finished (its connection takes no other statement while rows stream in), the
 * sessions it starts and ends, the laps its frames and lap messages complete, the sessions'
 * progress, and the dead letters it decided on.
 */
final class BatchWriter {

    private final SessionCache sessions;
    private final SessionStore sessionStore;
    private final LapStore lapStore;
    private final DeadLetterRelay deadLetters;
    private final List<Runnable> sessionUpdates = new ArrayList<>();
    private final List<LapStore.SessionLap> laps = new ArrayList<>();
    private final List<Arrival> letters = new ArrayList<>();
    /** Frames read, stored or not. */
    private int frames;

    BatchWriter(SessionCache sessions, SessionStore sessionStore, LapStore lapStore, DeadLetterRelay deadLetters) {
        this.sessions = sessions;
        this.sessionStore = sessionStore;
        this.lapStore = lapStore;
        this.deadLetters = deadLetters;
    }

    /** Adds what one record holds to the batch: a frame to the COPY, anything else to what follows it. */
    void add(Arrival arrival, RecordReader reader, FrameCopy copy) throws SQLException {
        try {
            if (arrival.deadLetter() != null) {
                throw arrival.deadLetter();
            }
            RecordReader.Content content = reader.read(arrival);
            if (content.other() != null && liveOnly(content.other())) {
                // Every car's standings and commands' outcomes are for live views: not stored, and
                // no session is made from them (an outcome may name a session that never was).
                return;
            }
            TrackedSession session = sessions.get(Objects.requireNonNull(arrival.session()));
            if (content.frame() != null) {
                frame(content.frame(), arrival, session, copy);
            } else {
                event(Objects.requireNonNull(content.other()), arrival.record().timestamp(), session);
            }
        } catch (DeadLetterException e) {
            letters.add(new Arrival(arrival.record(), null, null, e));
        }
    }

    /** Writes the rest of the batch, once its COPY is finished. */
    void finish() {
        letters.forEach(letter -> deadLetters.hold(letter.record(), Objects.requireNonNull(letter.deadLetter())));
        sessionStore.create(sessions.takeNew());
        sessionUpdates.forEach(Runnable::run);
        lapStore.save(laps);
        sessionStore.saveProgress(sessions.takeProgress());
    }

    private static boolean liveOnly(TelemetryRecord value) {
        return value.hasStandings() || value.hasCommandOutcome();
    }

    int frames() {
        return frames;
    }

    int laps() {
        return laps.size();
    }

    private void frame(FrameFields frame, Arrival arrival, TrackedSession session, FrameCopy copy)
            throws SQLException {
        frames++;
        long sequence = frame.sequence > 0 ? frame.sequence : session.lastSequence() + 1;
        if (sequence <= session.lastSequence()) {
            throw new DeadLetterException(DeadLetterReason.SEQUENCE_NOT_INCREASING, "frame " + sequence + " of session "
                    + Objects.requireNonNull(arrival.session()).sessionId() + " after frame " + session.lastSequence());
        }
        copy.add(session.id(), sequence, frame);
        session.frameAdded(sequence, frame.timestamp());
        session.touch(arrival.record().timestamp());
        session.laps().onFrame(frame, sequence, lap -> laps.add(new LapStore.SessionLap(session.id(), lap)));
    }

    private void event(TelemetryRecord value, long recordTime, TrackedSession session) {
        switch (value.getPayloadCase()) {
            case SESSION_STARTED -> sessionUpdates.add(() -> sessionStore.start(session.id(), value.getSessionStarted()));
            case LAP_COMPLETED -> session.laps().onLapCompleted(value.getLapCompleted(),
                    lap -> laps.add(new LapStore.SessionLap(session.id(), lap)));
            case SESSION_ENDED -> sessionUpdates.add(() -> sessionStore.end(session.id(), value.getSessionEnded()));
            case FRAME, PAYLOAD_NOT_SET, STANDINGS, COMMAND_OUTCOME -> throw new IllegalStateException(
                    "frames are handed over as frames, live-only records are skipped before, no payload is refused");
        }
        session.touch(recordTime);
    }
}
