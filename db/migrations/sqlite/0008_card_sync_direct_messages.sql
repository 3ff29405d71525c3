CREATE TABLE `direct_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`referral_id` integer NOT NULL,
	`kind` text NOT NULL,
	`detail` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`retry_at` integer,
	`claimed_until` integer,
	`sent_at` integer,
	`error` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "direct_messages_kind_check" CHECK(kind IN ('referral_status', 'card_undeliverable', 'overdue_without_card')),
	CONSTRAINT "direct_messages_state_check" CHECK(state IN ('queued', 'sent', 'abandoned'))
);
--> statement-breakpoint
CREATE INDEX `direct_messages_queue_idx` ON `direct_messages` (`state`,`retry_at`);--> statement-breakpoint
CREATE INDEX `direct_messages_referral_idx` ON `direct_messages` (`referral_id`);--> statement-breakpoint
ALTER TABLE `referrals` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_synced` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_drawn_version` integer;--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_error` text;--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_retry_at` integer;--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_reported_at` integer;--> statement-breakpoint
CREATE INDEX `referrals_card_queue_idx` ON `referrals` (`card_synced`,`card_retry_at`);--> statement-breakpoint
-- Cards posted before this version show their referral as it is: count them as drawn.
UPDATE `referrals` SET `card_synced` = 1, `card_drawn_version` = 1 WHERE `card_ts` IS NOT NULL;