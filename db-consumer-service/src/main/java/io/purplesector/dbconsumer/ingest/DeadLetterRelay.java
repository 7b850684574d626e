package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.store.DeadLetterOutbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dead letters go out only after the transaction that decided them has committed: held in the
 * outbox inside it, relayed to the dead-letter topic after it. A batch that rolls back and is
 * read again therefore dead-letters each bad record once, not once per attempt; a crash between
 * the commit and the relay leaves them in the outbox for the next relay.
 */
@Component
class DeadLetterRelay {

    private final DeadLetterOutbox outbox;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    /**
     * Whether the outbox may hold letters: set when one is held (its batch may yet roll back, then
     * the outbox is merely looked at once for nothing), cleared once a relay found it empty. A batch
     * that decided no dead letter, the usual one, costs no query.
     */
    private boolean pending = true;

    DeadLetterRelay(DeadLetterOutbox outbox, DeadLetters deadLetters, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
    }

    /** Inside the batch's transaction: the record will be dead-lettered if, and once, it commits. */
    void hold(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, DeadLetterException reason) {
        outbox.add(record, reason.reason().name(), reason.getMessage());
        pending = true;
    }

    /**
     * Sends every dead letter waiting, each removed from the outbox in the transaction that holds
     * it while it is sent: one that fails to send stays for the next relay.
     *
     * @return how many were sent
     */
    int relay() {
        if (!pending) {
            return 0;
        }
        int sent = 0;
        while (Boolean.TRUE.equals(transactions.execute(status -> outbox.takeOne().map(pending -> {
            deadLetters.send(pending.record(), new DeadLetterException(
                    DeadLetterReason.valueOf(pending.reason()), pending.message()));
            outbox.remove(pending.id());
            return true;
        }).orElse(false)))) {
            sent++;
        }
        pending = false;
        return sent;
    }

    /** Sends what an earlier life of this consumer left in the outbox, whatever this one held. */
    int relayLeftovers() {
        pending = true;
        return relay();
    }
}
