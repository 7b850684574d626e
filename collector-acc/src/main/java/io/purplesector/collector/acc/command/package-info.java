/**
 * Commands from dashboards (the {@code commands} topic) for ACC: focus a car, switch camera or
 * HUD page, play an instant replay. Taken from Kafka here, carried out on the link's thread,
 * answered with an outcome on the user's telemetry topic.
 */
@NullMarked
package io.purplesector.collector.acc.command;

import org.jspecify.annotations.NullMarked;
