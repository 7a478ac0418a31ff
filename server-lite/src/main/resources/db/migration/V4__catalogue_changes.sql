-- Every instance caches the catalogue and listens on catalogue_changes. NOTIFY is sent at commit and only then,
-- so an instance learns of a sale, a cancel, a setup or a cleanup right after the database has it, never before.

-- 'seats:<optionId>' for each option whose seats changed status in the statement.
CREATE FUNCTION notify_seat_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    option_id bigint;
BEGIN
    FOR option_id IN SELECT DISTINCT n.concert_option_id FROM changed_new n JOIN changed_old o ON o.id = n.id WHERE o.status <> n.status LOOP
        PERFORM pg_notify('catalogue_changes', 'seats:' || option_id);
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER seat_status_changes AFTER UPDATE ON seat
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_seat_changes();

-- 'concerts' when concerts or options come or go (setup, cleanup): rare, so every cached part is dropped.
CREATE FUNCTION notify_concert_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalogue_changes', 'concerts');
    RETURN NULL;
END $$;

CREATE TRIGGER concert_changes AFTER INSERT OR UPDATE OR DELETE ON concert
    FOR EACH STATEMENT EXECUTE FUNCTION notify_concert_changes();
CREATE TRIGGER concert_option_changes AFTER INSERT OR UPDATE OR DELETE ON concert_option
    FOR EACH STATEMENT EXECUTE FUNCTION notify_concert_changes();
