-- PostgreSQL's side of two rules SQLite keeps with triggers of its own (SQLite migrations 0001 and
-- 0004): the digest's rollups are kept by the database, inside the transaction of every write,
-- whichever code path makes it; and the audit log is append-only.
--
-- Concurrent writers from several instances: each rollup row is changed with INSERT … ON CONFLICT
-- DO UPDATE or UPDATE, both of which lock the row, so concurrent increments queue up instead of
-- losing one another.
CREATE FUNCTION digest_engagement_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE digest_totals SET engaged = engaged - 1, offered = offered - OLD.offered::int, accepted = accepted - OLD.accepted::int,
      minors = minors - (OLD.age_band = 'under18')::int, safety_ensured = safety_ensured - OLD.safety_ensured::int
    WHERE operation_id = OLD.operation_id AND agency_id = OLD.agency_id;
    UPDATE digest_hourly SET engaged = engaged - 1, offered = offered - OLD.offered::int, accepted = accepted - OLD.accepted::int,
      minors = minors - (OLD.age_band = 'under18')::int, safety_ensured = safety_ensured - OLD.safety_ensured::int
    WHERE operation_id = OLD.operation_id AND hour = OLD.occurred_at / 3600000;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO digest_totals AS t (operation_id, agency_id, engaged, offered, accepted, minors, safety_ensured)
    VALUES (NEW.operation_id, NEW.agency_id, 1, NEW.offered::int, NEW.accepted::int, (NEW.age_band = 'under18')::int, NEW.safety_ensured::int)
    ON CONFLICT (operation_id, agency_id) DO UPDATE SET engaged = t.engaged + 1, offered = t.offered + excluded.offered,
      accepted = t.accepted + excluded.accepted, minors = t.minors + excluded.minors, safety_ensured = t.safety_ensured + excluded.safety_ensured;
    INSERT INTO digest_hourly AS h (operation_id, hour, engaged, offered, accepted, minors, safety_ensured)
    VALUES (NEW.operation_id, NEW.occurred_at / 3600000, 1, NEW.offered::int, NEW.accepted::int, (NEW.age_band = 'under18')::int, NEW.safety_ensured::int)
    ON CONFLICT (operation_id, hour) DO UPDATE SET engaged = h.engaged + 1, offered = h.offered + excluded.offered,
      accepted = h.accepted + excluded.accepted, minors = h.minors + excluded.minors, safety_ensured = h.safety_ensured + excluded.safety_ensured;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER digest_engagement_rollup
AFTER INSERT OR DELETE OR UPDATE OF operation_id, agency_id, occurred_at, offered, accepted, age_band, safety_ensured ON engagements
FOR EACH ROW EXECUTE FUNCTION digest_engagement_rollup();
--> statement-breakpoint
CREATE FUNCTION digest_charge_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE digest_totals SET charged_people = charged_people - 1, offences = offences - OLD.offence_count
    WHERE operation_id = OLD.operation_id AND agency_id = OLD.agency_id;
    UPDATE digest_hourly SET charged_people = charged_people - 1, offences = offences - OLD.offence_count
    WHERE operation_id = OLD.operation_id AND hour = OLD.created_at / 3600000;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO digest_totals AS t (operation_id, agency_id, charged_people, offences) VALUES (NEW.operation_id, NEW.agency_id, 1, NEW.offence_count)
    ON CONFLICT (operation_id, agency_id) DO UPDATE SET charged_people = t.charged_people + 1, offences = t.offences + excluded.offences;
    INSERT INTO digest_hourly AS h (operation_id, hour, charged_people, offences) VALUES (NEW.operation_id, NEW.created_at / 3600000, 1, NEW.offence_count)
    ON CONFLICT (operation_id, hour) DO UPDATE SET charged_people = h.charged_people + 1, offences = h.offences + excluded.offences;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER digest_charge_rollup
AFTER INSERT OR DELETE OR UPDATE OF operation_id, agency_id, created_at, offence_count ON charges
FOR EACH ROW EXECUTE FUNCTION digest_charge_rollup();
--> statement-breakpoint
-- A referral carries its engagement's operation, so the digest reads referrals without a join.
CREATE FUNCTION referral_operation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.operation_id IS NULL THEN
    NEW.operation_id := (SELECT operation_id FROM engagements WHERE id = NEW.engagement_id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER referral_operation BEFORE INSERT ON referrals FOR EACH ROW EXECUTE FUNCTION referral_operation();
--> statement-breakpoint
CREATE FUNCTION digest_referral_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO digest_totals AS t (operation_id, agency_id, referrals_made) VALUES (NEW.operation_id, NEW.from_agency_id, 1)
    ON CONFLICT (operation_id, agency_id) DO UPDATE SET referrals_made = t.referrals_made + 1;
    INSERT INTO digest_referral_states AS s (operation_id, status, n) VALUES (NEW.operation_id, NEW.status, 1)
    ON CONFLICT (operation_id, status) DO UPDATE SET n = s.n + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.status IS DISTINCT FROM NEW.status THEN
      UPDATE digest_referral_states SET n = n - 1 WHERE operation_id = OLD.operation_id AND status = OLD.status;
      INSERT INTO digest_referral_states AS s (operation_id, status, n) VALUES (NEW.operation_id, NEW.status, 1)
      ON CONFLICT (operation_id, status) DO UPDATE SET n = s.n + 1;
    END IF;
  ELSE
    UPDATE digest_totals SET referrals_made = referrals_made - 1 WHERE operation_id = OLD.operation_id AND agency_id = OLD.from_agency_id;
    UPDATE digest_referral_states SET n = n - 1 WHERE operation_id = OLD.operation_id AND status = OLD.status;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER digest_referral_rollup
AFTER INSERT OR DELETE OR UPDATE OF status ON referrals
FOR EACH ROW EXECUTE FUNCTION digest_referral_rollup();
--> statement-breakpoint
-- The audit log is append-only: the database itself refuses to change, remove or empty it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
