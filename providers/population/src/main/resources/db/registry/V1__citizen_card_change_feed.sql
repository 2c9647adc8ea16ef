-- The national population registry as dinhdanh reads it (a model of the real database, which
-- dinhdanh does not own: in production these tables exist already and dinhdanh only reads them).
-- Sized for 100 million citizens: every query the provider makes is served by an index below.

CREATE TABLE citizen (
    id_number          char(12)    PRIMARY KEY CHECK (id_number ~ '^[0-9]{12}$'),
    full_name          text        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    birth_date         date        NOT NULL,
    sex                char(1)     NOT NULL CHECK (sex IN ('M', 'F')),
    nationality        char(2)     NOT NULL DEFAULT 'VN',
    ethnicity          text        NOT NULL,
    religion           text        NOT NULL,
    place_of_origin    text        NOT NULL,
    place_of_residence text        NOT NULL,
    eid_level          smallint    NOT NULL DEFAULT 0 CHECK (eid_level BETWEEN 0 AND 2),
    life_status        text        NOT NULL DEFAULT 'alive' CHECK (life_status IN ('alive', 'deceased')),
    blocked            boolean     NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Admin search by name prefix, case-insensitive, in a stable order for paging.
CREATE INDEX citizen_name_prefix ON citizen (lower(full_name) text_pattern_ops, id_number);

CREATE TABLE card (
    card_id     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_number   char(12)    NOT NULL REFERENCES citizen (id_number),
    card_number char(12)    NOT NULL,
    issue_date  date        NOT NULL,
    expiry_date date,       -- NULL: no expiry (cards issued from age 60 on)
    status      text        NOT NULL CHECK (status IN ('active', 'revoked', 'replaced', 'lost')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A citizen's cards, newest first: the login path reads the newest one.
CREATE INDEX card_by_citizen ON card (id_number, issue_date DESC);
CREATE UNIQUE INDEX card_one_active_per_citizen ON card (id_number) WHERE status = 'active';

-- Change feed: every update of a citizen or a card appends the citizen's number here and wakes
-- listeners on channel 'citizen_change' (payload: the sequence number, never personal data).
CREATE TABLE citizen_change (
    seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_number  char(12)    NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION record_citizen_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    new_seq bigint;
BEGIN
    INSERT INTO citizen_change (id_number) VALUES (NEW.id_number) RETURNING seq INTO new_seq;
    PERFORM pg_notify('citizen_change', new_seq::text);
    RETURN NEW;
END;
$$;

-- Updates only: bulk loads insert, and a new card always comes with an update of the old one.
CREATE TRIGGER citizen_changed AFTER UPDATE ON citizen FOR EACH ROW EXECUTE FUNCTION record_citizen_change();
CREATE TRIGGER card_changed AFTER UPDATE ON card FOR EACH ROW EXECUTE FUNCTION record_citizen_change();
