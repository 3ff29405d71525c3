-- The digest's rollups are kept by the database itself, inside the transaction of every write,
-- whichever code path makes it: the totals can never drift from the rows they count.
CREATE TRIGGER `digest_engagement_insert` AFTER INSERT ON `engagements` BEGIN
  INSERT INTO digest_totals (operation_id, agency_id, engaged, offered, accepted, minors, safety_ensured)
  VALUES (NEW.operation_id, NEW.agency_id, 1, NEW.offered, NEW.accepted, NEW.age_band = 'under18', NEW.safety_ensured)
  ON CONFLICT (operation_id, agency_id) DO UPDATE SET engaged = engaged + 1, offered = offered + excluded.offered,
    accepted = accepted + excluded.accepted, minors = minors + excluded.minors, safety_ensured = safety_ensured + excluded.safety_ensured;
  INSERT INTO digest_hourly (operation_id, hour, engaged, offered, accepted, minors, safety_ensured)
  VALUES (NEW.operation_id, NEW.occurred_at / 3600000, 1, NEW.offered, NEW.accepted, NEW.age_band = 'under18', NEW.safety_ensured)
  ON CONFLICT (operation_id, hour) DO UPDATE SET engaged = engaged + 1, offered = offered + excluded.offered,
    accepted = accepted + excluded.accepted, minors = minors + excluded.minors, safety_ensured = safety_ensured + excluded.safety_ensured;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_engagement_remove` AFTER DELETE ON `engagements` BEGIN
  UPDATE digest_totals SET engaged = engaged - 1, offered = offered - OLD.offered, accepted = accepted - OLD.accepted,
    minors = minors - (OLD.age_band = 'under18'), safety_ensured = safety_ensured - OLD.safety_ensured
  WHERE operation_id = OLD.operation_id AND agency_id = OLD.agency_id;
  UPDATE digest_hourly SET engaged = engaged - 1, offered = offered - OLD.offered, accepted = accepted - OLD.accepted,
    minors = minors - (OLD.age_band = 'under18'), safety_ensured = safety_ensured - OLD.safety_ensured
  WHERE operation_id = OLD.operation_id AND hour = OLD.occurred_at / 3600000;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_engagement_change` AFTER UPDATE OF operation_id, agency_id, occurred_at, offered, accepted, age_band, safety_ensured ON `engagements` BEGIN
  UPDATE digest_totals SET engaged = engaged - 1, offered = offered - OLD.offered, accepted = accepted - OLD.accepted,
    minors = minors - (OLD.age_band = 'under18'), safety_ensured = safety_ensured - OLD.safety_ensured
  WHERE operation_id = OLD.operation_id AND agency_id = OLD.agency_id;
  UPDATE digest_hourly SET engaged = engaged - 1, offered = offered - OLD.offered, accepted = accepted - OLD.accepted,
    minors = minors - (OLD.age_band = 'under18'), safety_ensured = safety_ensured - OLD.safety_ensured
  WHERE operation_id = OLD.operation_id AND hour = OLD.occurred_at / 3600000;
  INSERT INTO digest_totals (operation_id, agency_id, engaged, offered, accepted, minors, safety_ensured)
  VALUES (NEW.operation_id, NEW.agency_id, 1, NEW.offered, NEW.accepted, NEW.age_band = 'under18', NEW.safety_ensured)
  ON CONFLICT (operation_id, agency_id) DO UPDATE SET engaged = engaged + 1, offered = offered + excluded.offered,
    accepted = accepted + excluded.accepted, minors = minors + excluded.minors, safety_ensured = safety_ensured + excluded.safety_ensured;
  INSERT INTO digest_hourly (operation_id, hour, engaged, offered, accepted, minors, safety_ensured)
  VALUES (NEW.operation_id, NEW.occurred_at / 3600000, 1, NEW.offered, NEW.accepted, NEW.age_band = 'under18', NEW.safety_ensured)
  ON CONFLICT (operation_id, hour) DO UPDATE SET engaged = engaged + 1, offered = offered + excluded.offered,
    accepted = accepted + excluded.accepted, minors = minors + excluded.minors, safety_ensured = safety_ensured + excluded.safety_ensured;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_charge_insert` AFTER INSERT ON `charges` BEGIN
  INSERT INTO digest_totals (operation_id, agency_id, charged_people, offences) VALUES (NEW.operation_id, NEW.agency_id, 1, NEW.offence_count)
  ON CONFLICT (operation_id, agency_id) DO UPDATE SET charged_people = charged_people + 1, offences = offences + excluded.offences;
  INSERT INTO digest_hourly (operation_id, hour, charged_people, offences) VALUES (NEW.operation_id, NEW.created_at / 3600000, 1, NEW.offence_count)
  ON CONFLICT (operation_id, hour) DO UPDATE SET charged_people = charged_people + 1, offences = offences + excluded.offences;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_charge_remove` AFTER DELETE ON `charges` BEGIN
  UPDATE digest_totals SET charged_people = charged_people - 1, offences = offences - OLD.offence_count
  WHERE operation_id = OLD.operation_id AND agency_id = OLD.agency_id;
  UPDATE digest_hourly SET charged_people = charged_people - 1, offences = offences - OLD.offence_count
  WHERE operation_id = OLD.operation_id AND hour = OLD.created_at / 3600000;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_charge_change` AFTER UPDATE OF operation_id, agency_id, created_at, offence_count ON `charges` BEGIN
  UPDATE digest_totals SET charged_people = charged_people - 1, offences = offences - OLD.offence_count
  WHERE operation_id = OLD.operation_id AND agency_id = OLD.agency_id;
  UPDATE digest_hourly SET charged_people = charged_people - 1, offences = offences - OLD.offence_count
  WHERE operation_id = OLD.operation_id AND hour = OLD.created_at / 3600000;
  INSERT INTO digest_totals (operation_id, agency_id, charged_people, offences) VALUES (NEW.operation_id, NEW.agency_id, 1, NEW.offence_count)
  ON CONFLICT (operation_id, agency_id) DO UPDATE SET charged_people = charged_people + 1, offences = offences + excluded.offences;
  INSERT INTO digest_hourly (operation_id, hour, charged_people, offences) VALUES (NEW.operation_id, NEW.created_at / 3600000, 1, NEW.offence_count)
  ON CONFLICT (operation_id, hour) DO UPDATE SET charged_people = charged_people + 1, offences = offences + excluded.offences;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_referral_insert` AFTER INSERT ON `referrals` BEGIN
  UPDATE referrals SET operation_id = (SELECT operation_id FROM engagements WHERE id = NEW.engagement_id)
  WHERE id = NEW.id AND operation_id IS NULL;
  INSERT INTO digest_totals (operation_id, agency_id, referrals_made)
  SELECT e.operation_id, NEW.from_agency_id, 1 FROM engagements e WHERE e.id = NEW.engagement_id
  ON CONFLICT (operation_id, agency_id) DO UPDATE SET referrals_made = referrals_made + 1;
  INSERT INTO digest_referral_states (operation_id, status, n)
  SELECT e.operation_id, NEW.status, 1 FROM engagements e WHERE e.id = NEW.engagement_id
  ON CONFLICT (operation_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_referral_status` AFTER UPDATE OF status ON `referrals` WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE digest_referral_states SET n = n - 1
  WHERE operation_id = (SELECT operation_id FROM engagements WHERE id = OLD.engagement_id) AND status = OLD.status;
  INSERT INTO digest_referral_states (operation_id, status, n)
  SELECT e.operation_id, NEW.status, 1 FROM engagements e WHERE e.id = NEW.engagement_id
  ON CONFLICT (operation_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `digest_referral_remove` AFTER DELETE ON `referrals` BEGIN
  UPDATE digest_totals SET referrals_made = referrals_made - 1
  WHERE operation_id = (SELECT operation_id FROM engagements WHERE id = OLD.engagement_id) AND agency_id = OLD.from_agency_id;
  UPDATE digest_referral_states SET n = n - 1
  WHERE operation_id = (SELECT operation_id FROM engagements WHERE id = OLD.engagement_id) AND status = OLD.status;
END;
--> statement-breakpoint
-- Backfill from the rows already there.
UPDATE referrals SET operation_id = (SELECT e.operation_id FROM engagements e WHERE e.id = referrals.engagement_id) WHERE operation_id IS NULL;
--> statement-breakpoint
INSERT INTO digest_totals (operation_id, agency_id, engaged, offered, accepted, minors, safety_ensured)
SELECT operation_id, agency_id, count(*), sum(offered), sum(accepted), sum(age_band = 'under18'), sum(safety_ensured)
FROM engagements WHERE true GROUP BY operation_id, agency_id;
--> statement-breakpoint
INSERT INTO digest_totals (operation_id, agency_id, charged_people, offences)
SELECT operation_id, agency_id, count(*), sum(offence_count) FROM charges WHERE true GROUP BY operation_id, agency_id
ON CONFLICT (operation_id, agency_id) DO UPDATE SET charged_people = excluded.charged_people, offences = excluded.offences;
--> statement-breakpoint
INSERT INTO digest_totals (operation_id, agency_id, referrals_made)
SELECT operation_id, from_agency_id, count(*) FROM referrals WHERE true GROUP BY operation_id, from_agency_id
ON CONFLICT (operation_id, agency_id) DO UPDATE SET referrals_made = excluded.referrals_made;
--> statement-breakpoint
INSERT INTO digest_referral_states (operation_id, status, n)
SELECT operation_id, status, count(*) FROM referrals WHERE true GROUP BY operation_id, status;
--> statement-breakpoint
INSERT INTO digest_hourly (operation_id, hour, engaged, offered, accepted, minors, safety_ensured)
SELECT operation_id, occurred_at / 3600000, count(*), sum(offered), sum(accepted), sum(age_band = 'under18'), sum(safety_ensured)
FROM engagements WHERE true GROUP BY operation_id, occurred_at / 3600000;
--> statement-breakpoint
INSERT INTO digest_hourly (operation_id, hour, charged_people, offences)
SELECT operation_id, created_at / 3600000, count(*), sum(offence_count) FROM charges WHERE true GROUP BY operation_id, created_at / 3600000
ON CONFLICT (operation_id, hour) DO UPDATE SET charged_people = excluded.charged_people, offences = excluded.offences;
