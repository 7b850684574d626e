/**
 * db-consumer-service: every telemetry record from Kafka into PostgreSQL/TimescaleDB, exactly
 * once, with sessions and laps.
 */
@NullMarked
package io.purplesector.dbconsumer;

import org.jspecify.annotations.NullMarked;
