CREATE TABLE `installations` (
	`id` integer PRIMARY KEY NOT NULL,
	`install_key` text NOT NULL,
	`team_id` text,
	`enterprise_id` text,
	`is_enterprise_install` integer DEFAULT false NOT NULL,
	`installation_encrypted` text NOT NULL,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installations_install_key_unique` ON `installations` (`install_key`);