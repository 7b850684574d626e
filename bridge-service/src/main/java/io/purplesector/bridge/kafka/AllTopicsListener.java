package io.purplesector.bridge.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * With {@code purplesector.bridge.read=all}: one listener container subscribed to every telemetry
 * topic by pattern (new users' topics picked up as they appear), every record read whether or not
 * a client of this instance watches its user. For a single instance serving most users anyway;
 * several instances should read what their own clients watch ({@link WatchedTopicsReader}).
 */
@Component
@ConditionalOnProperty(name = "purplesector.bridge.read", havingValue = "all")
class AllTopicsListener {

    private final TelemetryDelivery delivery;

    AllTopicsListener(TelemetryDelivery delivery) {
        this.delivery = delivery;
    }

    @KafkaListener(id = "bridge-telemetry", topicPattern = "${purplesector.bridge.topic-pattern}",
            groupId = "${purplesector.bridge.group}", batch = "true")
    void on(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records) {
        delivery.deliver(records, records.size());
    }
}
