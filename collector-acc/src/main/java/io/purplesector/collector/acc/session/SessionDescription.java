package io.purplesector.collector.acc.session;

import io.purplesector.telemetry.proto.SessionType;

/** What a session is: where, in what, by whom; empty or 0 where neither source has said yet. */
record SessionDescription(String track, String car, String driver, SessionType type, int trackMeters,
        int sectorCount) {
}
