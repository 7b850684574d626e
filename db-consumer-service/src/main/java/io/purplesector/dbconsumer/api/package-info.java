/** The read-only HTTP API: sessions, laps and frames (JSON or CSV). */
@NullMarked
package io.purplesector.dbconsumer.api;

import org.jspecify.annotations.NullMarked;
