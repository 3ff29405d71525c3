CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`intake_channel_id` text,
	`intake_team_id` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "agencies_kind_check" CHECK(kind IN ('police', 'advocacy', 'victim_services', 'health', 'government', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_code_unique` ON `agencies` (`code`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_team_id` text NOT NULL,
	`actor_user_id` text NOT NULL,
	`action` text NOT NULL,
	`ref` text NOT NULL,
	`detail` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `charge_offences` (
	`id` integer PRIMARY KEY NOT NULL,
	`charge_id` integer NOT NULL,
	`section` text NOT NULL,
	FOREIGN KEY (`charge_id`) REFERENCES `charges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `charge_offences_charge_idx` ON `charge_offences` (`charge_id`);--> statement-breakpoint
CREATE TABLE `charges` (
	`id` integer PRIMARY KEY NOT NULL,
	`operation_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`officer_team_id` text NOT NULL,
	`officer_user_id` text NOT NULL,
	`offence_count` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `charges_operation_idx` ON `charges` (`operation_id`,`agency_id`);--> statement-breakpoint
CREATE TABLE `digest_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`operation_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`finished_at` integer,
	`message_ts` text,
	`error` text,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_runs_operation_day_unique` ON `digest_runs` (`operation_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `engagements` (
	`id` integer PRIMARY KEY NOT NULL,
	`operation_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`officer_team_id` text NOT NULL,
	`officer_user_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`age_band` text NOT NULL,
	`gender` text NOT NULL,
	`offered` integer NOT NULL,
	`accepted` integer NOT NULL,
	`safety_ensured` integer DEFAULT false NOT NULL,
	`area` text,
	`language` text,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "engagements_age_check" CHECK(age_band IN ('under18', '18-24', '25-34', '35-44', '45plus', 'unknown')),
	CONSTRAINT "engagements_gender_check" CHECK(gender IN ('female', 'male', 'nonbinary', 'unknown')),
	CONSTRAINT "engagements_accepted_check" CHECK(NOT (accepted AND NOT offered))
);
--> statement-breakpoint
CREATE INDEX `engagements_operation_idx` ON `engagements` (`operation_id`,`agency_id`);--> statement-breakpoint
CREATE INDEX `engagements_officer_idx` ON `engagements` (`officer_team_id`,`officer_user_id`,`id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`agency_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "members_role_check" CHECK(role IN ('officer', 'intake', 'coordinator', 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_team_user_unique` ON `members` (`team_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `members_agency_idx` ON `members` (`agency_id`);--> statement-breakpoint
CREATE TABLE `operations` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`lead_agency_id` integer NOT NULL,
	`parent_id` integer,
	`timezone` text NOT NULL,
	`digest_channel_id` text,
	`digest_team_id` text,
	`digest_time` text DEFAULT '08:00' NOT NULL,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "operations_dates_check" CHECK("operations"."start_date" <= "operations"."end_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operations_code_unique` ON `operations` (`code`);--> statement-breakpoint
CREATE INDEX `operations_parent_idx` ON `operations` (`parent_id`);--> statement-breakpoint
CREATE TABLE `participations` (
	`operation_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`officers` integer DEFAULT 0 NOT NULL,
	`support_staff` integer DEFAULT 0 NOT NULL,
	`victim_services` integer DEFAULT 0 NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`operation_id`, `agency_id`),
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "participations_counts_check" CHECK(officers >= 0 AND support_staff >= 0 AND victim_services >= 0)
);
--> statement-breakpoint
CREATE TABLE `referral_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`referral_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_team_id` text NOT NULL,
	`actor_user_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_events_referral_idx` ON `referral_events` (`referral_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY NOT NULL,
	`engagement_id` integer NOT NULL,
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
	`card_channel_id` text,
	`card_team_id` text,
	`card_ts` text,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "referrals_consent_check" CHECK(consent = 1),
	CONSTRAINT "referrals_urgency_check" CHECK(urgency IN ('routine', 'urgent', 'immediate')),
	CONSTRAINT "referrals_status_check" CHECK(status IN ('pending', 'accepted', 'declined', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `referrals_engagement_idx` ON `referrals` (`engagement_id`);--> statement-breakpoint
CREATE INDEX `referrals_to_agency_idx` ON `referrals` (`to_agency_id`,`status`);--> statement-breakpoint
CREATE INDEX `referrals_status_idx` ON `referrals` (`status`,`status_changed_at`);