/**
 * bridge-service: fans live telemetry out from Kafka to dashboards over WebSocket, plays a demo
 * session back to a client that asks, relays dashboards' commands to the collectors, and serves
 * the live dashboard page.
 */
@NullMarked
package io.purplesector.bridge;

import org.jspecify.annotations.NullMarked;
