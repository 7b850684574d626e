/**
 * How Purple Sector's protobuf messages travel through Kafka: topic and header names, the
 * settings every telemetry topic is created with, and the serializers and deserializers.
 * The record format is documented in {@code docs/kafka-records.md}.
 */
@NullMarked
package io.purplesector.telemetry.proto.kafka;

import org.jspecify.annotations.NullMarked;
