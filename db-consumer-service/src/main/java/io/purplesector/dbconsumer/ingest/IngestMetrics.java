package io.purplesector.dbconsumer.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** What the ingest reports to Micrometer (lag comes from the Kafka consumer's own metrics). */
@Component
class IngestMetrics {

    final Counter framesReceived;
    final Counter framesWritten;
    final Counter recordsAlreadyStored;
    final Counter lapsDetected;
    final Counter partitionsReadAgain;
    final DistributionSummary batchFrames;
    final Timer batchWrite;

    IngestMetrics(MeterRegistry meters) {
        framesReceived = Counter.builder("telemetry.frames.received")
                .description("Frames read from Kafka").register(meters);
        framesWritten = Counter.builder("telemetry.frames.written")
                .description("Frames committed to the database").register(meters);
        recordsAlreadyStored = Counter.builder("telemetry.records.already.stored")
                .description("Records read again after a rebalance or retry and skipped: the database had them")
                .register(meters);
        lapsDetected = Counter.builder("telemetry.laps.detected")
                .description("Laps completed or amended and stored").register(meters);
        partitionsReadAgain = Counter.builder("telemetry.partitions.read.again")
                .description("Partitions read again from the database's position, which the consumer had passed")
                .register(meters);
        batchFrames = DistributionSummary.builder("telemetry.batch.frames")
                .description("Frames per database transaction").publishPercentiles(0.5, 0.99).register(meters);
        batchWrite = Timer.builder("telemetry.batch.write")
                .description("Time to store one batch, commit included").publishPercentiles(0.5, 0.99)
                .register(meters);
    }
}
