DROP INDEX `referrals_status_idx`;--> statement-breakpoint
CREATE INDEX `referrals_status_idx` ON `referrals` (`status`,`status_changed_at`,`urgency`,`operation_id`,`to_agency_id`);