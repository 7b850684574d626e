/**
 * Real infrastructure for Purple Sector's tests: one Kafka broker and one PostgreSQL server per
 * test JVM, started on first use, or external ones named by environment variables.
 *
 * <ul>
 * <li>{@link TestKafka}: an in-JVM KRaft broker, or {@code PS_TEST_KAFKA_BROKERS}.</li>
 * <li>{@link TestPostgres}: an embedded PostgreSQL 17 server, or {@code PS_TEST_DATABASE_URL}
 * (with {@code PS_TEST_DATABASE_USER} and {@code PS_TEST_DATABASE_PASSWORD}); each caller gets a
 * database of its own.</li>
 * <li>{@link WithTestKafka} and {@link WithTestPostgres} point a Spring test context at them.</li>
 * <li>{@link TimescaleDb}: a TimescaleDB container for tests that need the extension, where a
 * Docker engine runs.</li>
 * </ul>
 */
@NullMarked
package io.purplesector.testsupport;

import org.jspecify.annotations.NullMarked;
