/** From Kafka into the database: the listener, the exactly-once batch, the dead-letter topic. */
@NullMarked
package io.purplesector.dbconsumer.ingest;

import org.jspecify.annotations.NullMarked;
