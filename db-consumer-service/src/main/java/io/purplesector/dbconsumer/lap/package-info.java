/** Lap detection on the server: boundaries, times, validity, out/in laps and sectors of a session. */
@NullMarked
package io.purplesector.dbconsumer.lap;

import org.jspecify.annotations.NullMarked;
