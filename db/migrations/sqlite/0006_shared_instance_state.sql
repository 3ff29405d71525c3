CREATE TABLE `handled_requests` (
	`request_id` text PRIMARY KEY NOT NULL,
	`handled_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handled_requests_at_idx` ON `handled_requests` (`handled_at`);--> statement-breakpoint
CREATE TABLE `home_viewers` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `home_viewers_opened_idx` ON `home_viewers` (`opened_at`);--> statement-breakpoint
CREATE TABLE `rate_buckets` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`tokens` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `rate_buckets_updated_idx` ON `rate_buckets` (`updated_at`);--> statement-breakpoint
ALTER TABLE `referrals` ADD `card_claimed_until` integer;