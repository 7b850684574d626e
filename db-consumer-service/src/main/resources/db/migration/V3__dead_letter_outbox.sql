-- Dead letters decided inside a batch's transaction wait here until it has committed, and leave
-- once the dead-letter topic has them. A batch that rolls back (and is read again) leaves none
-- behind, so each bad record is dead-lettered once; a crash between commit and send leaves them
-- for the next batch to send. The record is kept as it was read: key, value, headers, timestamp.
CREATE TABLE dead_letter_outbox (
    id               bigserial PRIMARY KEY,
    topic            text    NOT NULL,
    record_partition integer NOT NULL,
    record_offset    bigint  NOT NULL,
    record_timestamp bigint  NOT NULL,
    timestamp_type   text    NOT NULL,
    record_key       bytea,
    record_value     bytea,
    record_headers   bytea   NOT NULL,
    reason           text    NOT NULL,
    message          text    NOT NULL,
    UNIQUE (topic, record_partition, record_offset)
);
