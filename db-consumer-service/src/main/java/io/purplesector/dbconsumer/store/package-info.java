/** The database side: sessions, laps, frames by binary COPY, and the stored consumer offsets. */
@NullMarked
package io.purplesector.dbconsumer.store;

import org.jspecify.annotations.NullMarked;
