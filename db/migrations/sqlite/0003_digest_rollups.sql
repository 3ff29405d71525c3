CREATE TABLE `digest_hourly` (
	`operation_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`engaged` integer DEFAULT 0 NOT NULL,
	`offered` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`minors` integer DEFAULT 0 NOT NULL,
	`safety_ensured` integer DEFAULT 0 NOT NULL,
	`charged_people` integer DEFAULT 0 NOT NULL,
	`offences` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`operation_id`, `hour`)
);
--> statement-breakpoint
CREATE TABLE `digest_referral_states` (
	`operation_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`operation_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `digest_totals` (
	`operation_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`engaged` integer DEFAULT 0 NOT NULL,
	`offered` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`minors` integer DEFAULT 0 NOT NULL,
	`safety_ensured` integer DEFAULT 0 NOT NULL,
	`referrals_made` integer DEFAULT 0 NOT NULL,
	`charged_people` integer DEFAULT 0 NOT NULL,
	`offences` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`operation_id`, `agency_id`)
);
--> statement-breakpoint
ALTER TABLE `referrals` ADD `operation_id` integer;--> statement-breakpoint
CREATE INDEX `referrals_changed_idx` ON `referrals` (`status_changed_at`,`operation_id`,`status`);--> statement-breakpoint
CREATE INDEX `charges_created_idx` ON `charges` (`created_at`,`operation_id`);--> statement-breakpoint
CREATE INDEX `engagements_occurred_idx` ON `engagements` (`occurred_at`,`operation_id`);