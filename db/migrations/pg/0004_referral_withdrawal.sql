ALTER TABLE "referrals" DROP CONSTRAINT "referrals_status_check";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_withdrawal_reason_check" CHECK (withdrawal_reason IS NULL OR withdrawal_reason IN ('consent_withdrawn', 'duplicate', 'entered_in_error', 'other'));--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_status_check" CHECK (status IN ('pending', 'accepted', 'declined', 'closed', 'withdrawn'));