package io.purplesector.collector.acc.session;

/** Which of ACC's two sources the collector hears now. */
public enum Mode {
    /** Neither: the game is not running, not in a session, or on another PC without broadcasting. */
    WAITING,
    /** Both: frames at the shared-memory rate with broadcasting's timing. */
    MERGED,
    /** Shared memory missing (another PC, Linux without a bridge): the focused car at the update interval. */
    BROADCASTING_ONLY,
    /** Broadcasting off or not answering: frames and laps from the pages alone. */
    SHARED_MEMORY_ONLY
}
