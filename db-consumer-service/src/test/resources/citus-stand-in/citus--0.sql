-- Citus' create_distributed_table, as far as its documented rules for a hash-distributed table
-- go: the column exists; every unique index holds it; a table joins the co-location group of
-- colocate_with, else the group of its column's type; a foreign key runs from this table's
-- column to that of a table already distributed in the same group. What it was asked is kept.

CREATE TABLE distributed_tables (
    relation     regclass PRIMARY KEY,
    column_name  text     NOT NULL,
    colocation   text     NOT NULL,
    distributed  serial   NOT NULL
);

CREATE FUNCTION create_distributed_table(table_name regclass, distribution_column text,
        colocate_with text DEFAULT 'default') RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    column_type regtype;
    group_name  text;
    refused     text;
BEGIN
    SELECT atttypid::regtype INTO column_type FROM pg_attribute
    WHERE attrelid = table_name AND attname = distribution_column AND NOT attisdropped;
    IF column_type IS NULL THEN
        RAISE EXCEPTION 'column "%" of relation "%" does not exist', distribution_column, table_name;
    END IF;

    SELECT i.indexrelid::regclass::text INTO refused FROM pg_index i
    WHERE i.indrelid = table_name AND i.indisunique AND NOT EXISTS (
        SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k
        WHERE a.attname = distribution_column)
    LIMIT 1;
    IF refused IS NOT NULL THEN
        RAISE EXCEPTION 'cannot create constraint on "%": % does not include the distribution column "%"',
            table_name, refused, distribution_column;
    END IF;

    IF colocate_with = 'default' THEN
        group_name := column_type::text;
    ELSE
        SELECT d.colocation INTO group_name FROM distributed_tables d WHERE d.relation = colocate_with::regclass;
        IF group_name IS NULL THEN
            RAISE EXCEPTION 'relation % should be a hash distributed table', colocate_with;
        END IF;
        IF group_name <> column_type::text THEN
            RAISE EXCEPTION 'cannot colocate tables % and %: distribution column types don''t match',
                table_name, colocate_with;
        END IF;
    END IF;

    SELECT c.conname INTO refused FROM pg_constraint c
    LEFT JOIN distributed_tables d ON d.relation = c.confrelid
    WHERE c.conrelid = table_name AND c.contype = 'f' AND (d.relation IS NULL OR d.colocation <> group_name
        OR c.conkey <> ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = table_name AND attname = distribution_column)]
        OR c.confkey <> ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = c.confrelid AND attname = d.column_name)])
    LIMIT 1;
    IF refused IS NOT NULL THEN
        RAISE EXCEPTION 'cannot create foreign key constraint %: not between the distribution columns of colocated tables',
            refused;
    END IF;

    INSERT INTO distributed_tables (relation, column_name, colocation) VALUES (table_name, distribution_column, group_name);
END
$$;
