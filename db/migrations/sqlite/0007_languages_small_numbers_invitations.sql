CREATE TABLE `invitations` (
	`operation_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`invited_by_team_id` text NOT NULL,
	`invited_by_user_id` text NOT NULL,
	`invited_at` integer NOT NULL,
	PRIMARY KEY(`operation_id`, `agency_id`),
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `agencies` ADD `lang` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `operations` ADD `lang` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `operations` ADD `hide_below` integer DEFAULT 5 NOT NULL;