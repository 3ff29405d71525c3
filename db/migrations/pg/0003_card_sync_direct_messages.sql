CREATE TABLE "direct_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"referral_id" integer NOT NULL,
	"kind" text NOT NULL,
	"detail" text,
	"state" text DEFAULT 'queued' NOT NULL,
	"created_at" bigint NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"retry_at" bigint,
	"claimed_until" bigint,
	"sent_at" bigint,
	"error" text,
	CONSTRAINT "direct_messages_kind_check" CHECK (kind IN ('referral_status', 'card_undeliverable', 'overdue_without_card')),
	CONSTRAINT "direct_messages_state_check" CHECK (state IN ('queued', 'sent', 'abandoned'))
);
--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "card_synced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "card_drawn_version" integer;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "card_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "card_error" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "card_retry_at" bigint;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "card_reported_at" bigint;--> statement-breakpoint
ALTER TABLE "direct_messages" ADD CONSTRAINT "direct_messages_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "direct_messages_queue_idx" ON "direct_messages" USING btree ("state","retry_at");--> statement-breakpoint
CREATE INDEX "direct_messages_referral_idx" ON "direct_messages" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referrals_card_queue_idx" ON "referrals" USING btree ("card_synced","card_retry_at");--> statement-breakpoint
-- Cards posted before this version show their referral as it is: count them as drawn.
UPDATE "referrals" SET "card_synced" = true, "card_drawn_version" = 1 WHERE "card_ts" IS NOT NULL;