-- Referrals can be withdrawn, with a reason. A new CHECK makes SQLite rebuild the table (drizzle-kit's
-- copy, drop, rename); the copy leaves out the new column, which the old table does not have. The
-- rebuild drops the table's triggers, so the digest rollup triggers of 0004 are created again below,
-- unchanged: they count referrals by whatever status they hold. The rollup rows themselves are not
-- touched (the copy fires no trigger), so their counts stay right. Foreign keys are not enforced
-- while migrating (db/sqlite/migrate.ts): the PRAGMAs below are no-ops inside its transaction.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_referrals` (
	`id` integer PRIMARY KEY NOT NULL,
	`engagement_id` integer NOT NULL,
	`operation_id` integer,
	`from_agency_id` integer NOT NULL,
	`to_agency_id` integer NOT NULL,
	`referrer_team_id` text NOT NULL,
	`referrer_user_id` text NOT NULL,
	`needs` text NOT NULL,
	`urgency` text NOT NULL,
	`consent` integer NOT NULL,
	`note` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`status_changed_at` integer NOT NULL,
	`actor_team_id` text,
	`actor_user_id` text,
	`decline_reason` text,
	`close_outcome` text,
	`withdrawal_reason` text,
	`card_channel_id` text,
	`card_team_id` text,
	`card_ts` text,
	`card_claimed_until` integer,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`card_synced` integer DEFAULT false NOT NULL,
	`card_drawn_version` integer,
	`card_attempts` integer DEFAULT 0 NOT NULL,
	`card_error` text,
	`card_retry_at` integer,
	`card_reported_at` integer,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "referrals_consent_check" CHECK(consent = 1),
	CONSTRAINT "referrals_urgency_check" CHECK(urgency IN ('routine', 'urgent', 'immediate')),
	CONSTRAINT "referrals_status_check" CHECK(status IN ('pending', 'accepted', 'declined', 'closed', 'withdrawn')),
	CONSTRAINT "referrals_withdrawal_reason_check" CHECK(withdrawal_reason IS NULL OR withdrawal_reason IN ('consent_withdrawn', 'duplicate', 'entered_in_error', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_referrals`("id", "engagement_id", "operation_id", "from_agency_id", "to_agency_id", "referrer_team_id", "referrer_user_id", "needs", "urgency", "consent", "note", "status", "created_at", "status_changed_at", "actor_team_id", "actor_user_id", "decline_reason", "close_outcome", "card_channel_id", "card_team_id", "card_ts", "card_claimed_until", "reminders_sent", "version", "card_synced", "card_drawn_version", "card_attempts", "card_error", "card_retry_at", "card_reported_at") SELECT "id", "engagement_id", "operation_id", "from_agency_id", "to_agency_id", "referrer_team_id", "referrer_user_id", "needs", "urgency", "consent", "note", "status", "created_at", "status_changed_at", "actor_team_id", "actor_user_id", "decline_reason", "close_outcome", "card_channel_id", "card_team_id", "card_ts", "card_claimed_until", "reminders_sent", "version", "card_synced", "card_drawn_version", "card_attempts", "card_error", "card_retry_at", "card_reported_at" FROM `referrals`;--> statement-breakpoint
DROP TABLE `referrals`;--> statement-breakpoint
ALTER TABLE `__new_referrals` RENAME TO `referrals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `referrals_engagement_idx` ON `referrals` (`engagement_id`);--> statement-breakpoint
CREATE INDEX `referrals_to_agency_idx` ON `referrals` (`to_agency_id`,`status`);--> statement-breakpoint
CREATE INDEX `referrals_status_idx` ON `referrals` (`status`,`status_changed_at`,`urgency`,`operation_id`,`to_agency_id`);--> statement-breakpoint
CREATE INDEX `referrals_changed_idx` ON `referrals` (`status_changed_at`,`operation_id`,`status`);--> statement-breakpoint
CREATE INDEX `referrals_card_queue_idx` ON `referrals` (`card_synced`,`card_retry_at`);--> statement-breakpoint
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
