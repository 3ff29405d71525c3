CREATE TABLE "agencies" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"intake_channel_id" text,
	"intake_team_id" text,
	"created_at" bigint NOT NULL,
	CONSTRAINT "agencies_kind_check" CHECK (kind IN ('police', 'advocacy', 'victim_services', 'health', 'government', 'other'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor_team_id" text NOT NULL,
	"actor_user_id" text NOT NULL,
	"action" text NOT NULL,
	"ref" text NOT NULL,
	"detail" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charge_offences" (
	"id" serial PRIMARY KEY NOT NULL,
	"charge_id" integer NOT NULL,
	"section" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" serial PRIMARY KEY NOT NULL,
	"operation_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"officer_team_id" text NOT NULL,
	"officer_user_id" text NOT NULL,
	"offence_count" integer NOT NULL,
	"note" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_hourly" (
	"operation_id" integer NOT NULL,
	"hour" integer NOT NULL,
	"engaged" integer DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"minors" integer DEFAULT 0 NOT NULL,
	"safety_ensured" integer DEFAULT 0 NOT NULL,
	"charged_people" integer DEFAULT 0 NOT NULL,
	"offences" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "digest_hourly_operation_id_hour_pk" PRIMARY KEY("operation_id","hour")
);
--> statement-breakpoint
CREATE TABLE "digest_referral_states" (
	"operation_id" integer NOT NULL,
	"status" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "digest_referral_states_operation_id_status_pk" PRIMARY KEY("operation_id","status")
);
--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"operation_id" integer NOT NULL,
	"local_date" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"claimed_at" bigint NOT NULL,
	"finished_at" bigint,
	"message_ts" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "digest_totals" (
	"operation_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"engaged" integer DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"minors" integer DEFAULT 0 NOT NULL,
	"safety_ensured" integer DEFAULT 0 NOT NULL,
	"referrals_made" integer DEFAULT 0 NOT NULL,
	"charged_people" integer DEFAULT 0 NOT NULL,
	"offences" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "digest_totals_operation_id_agency_id_pk" PRIMARY KEY("operation_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" serial PRIMARY KEY NOT NULL,
	"operation_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"officer_team_id" text NOT NULL,
	"officer_user_id" text NOT NULL,
	"occurred_at" bigint NOT NULL,
	"age_band" text NOT NULL,
	"gender" text NOT NULL,
	"offered" boolean NOT NULL,
	"accepted" boolean NOT NULL,
	"safety_ensured" boolean DEFAULT false NOT NULL,
	"area" text,
	"language" text,
	"note" text,
	"created_at" bigint NOT NULL,
	CONSTRAINT "engagements_age_check" CHECK (age_band IN ('under18', '18-24', '25-34', '35-44', '45plus', 'unknown')),
	CONSTRAINT "engagements_gender_check" CHECK (gender IN ('female', 'male', 'nonbinary', 'unknown')),
	CONSTRAINT "engagements_accepted_check" CHECK (NOT (accepted AND NOT offered))
);
--> statement-breakpoint
CREATE TABLE "handled_requests" (
	"request_id" text PRIMARY KEY NOT NULL,
	"handled_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "home_viewers" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"opened_at" bigint NOT NULL,
	CONSTRAINT "home_viewers_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "installations" (
	"id" serial PRIMARY KEY NOT NULL,
	"install_key" text NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"installation_encrypted" text NOT NULL,
	"installed_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"agency_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "members_role_check" CHECK (role IN ('officer', 'intake', 'coordinator', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"lead_agency_id" integer NOT NULL,
	"parent_id" integer,
	"timezone" text NOT NULL,
	"digest_channel_id" text,
	"digest_team_id" text,
	"digest_time" text DEFAULT '08:00' NOT NULL,
	"closed_at" bigint,
	"created_at" bigint NOT NULL,
	CONSTRAINT "operations_dates_check" CHECK ("operations"."start_date" <= "operations"."end_date")
);
--> statement-breakpoint
CREATE TABLE "participations" (
	"operation_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"officers" integer DEFAULT 0 NOT NULL,
	"support_staff" integer DEFAULT 0 NOT NULL,
	"victim_services" integer DEFAULT 0 NOT NULL,
	"joined_at" bigint NOT NULL,
	CONSTRAINT "participations_operation_id_agency_id_pk" PRIMARY KEY("operation_id","agency_id"),
	CONSTRAINT "participations_counts_check" CHECK (officers >= 0 AND support_staff >= 0 AND victim_services >= 0)
);
--> statement-breakpoint
CREATE TABLE "rate_buckets" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "rate_buckets_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_team_id" text NOT NULL,
	"actor_user_id" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" serial PRIMARY KEY NOT NULL,
	"engagement_id" integer NOT NULL,
	"operation_id" integer,
	"from_agency_id" integer NOT NULL,
	"to_agency_id" integer NOT NULL,
	"referrer_team_id" text NOT NULL,
	"referrer_user_id" text NOT NULL,
	"needs" text NOT NULL,
	"urgency" text NOT NULL,
	"consent" boolean NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" bigint NOT NULL,
	"status_changed_at" bigint NOT NULL,
	"actor_team_id" text,
	"actor_user_id" text,
	"decline_reason" text,
	"close_outcome" text,
	"card_channel_id" text,
	"card_team_id" text,
	"card_ts" text,
	"card_claimed_until" bigint,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "referrals_consent_check" CHECK (consent),
	CONSTRAINT "referrals_urgency_check" CHECK (urgency IN ('routine', 'urgent', 'immediate')),
	CONSTRAINT "referrals_status_check" CHECK (status IN ('pending', 'accepted', 'declined', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "charge_offences" ADD CONSTRAINT "charge_offences_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_lead_agency_id_agencies_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_parent_id_operations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_agency_id_agencies_id_fk" FOREIGN KEY ("from_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_agency_id_agencies_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_code_unique" ON "agencies" USING btree ("code");--> statement-breakpoint
CREATE INDEX "charge_offences_charge_idx" ON "charge_offences" USING btree ("charge_id");--> statement-breakpoint
CREATE INDEX "charges_operation_idx" ON "charges" USING btree ("operation_id","agency_id");--> statement-breakpoint
CREATE INDEX "charges_created_idx" ON "charges" USING btree ("created_at","operation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_runs_operation_day_unique" ON "digest_runs" USING btree ("operation_id","local_date");--> statement-breakpoint
CREATE INDEX "engagements_operation_idx" ON "engagements" USING btree ("operation_id","agency_id");--> statement-breakpoint
CREATE INDEX "engagements_officer_idx" ON "engagements" USING btree ("officer_team_id","officer_user_id","id");--> statement-breakpoint
CREATE INDEX "engagements_occurred_idx" ON "engagements" USING btree ("occurred_at","operation_id");--> statement-breakpoint
CREATE INDEX "handled_requests_at_idx" ON "handled_requests" USING btree ("handled_at");--> statement-breakpoint
CREATE INDEX "home_viewers_opened_idx" ON "home_viewers" USING btree ("opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "installations_install_key_unique" ON "installations" USING btree ("install_key");--> statement-breakpoint
CREATE UNIQUE INDEX "members_team_user_unique" ON "members" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE INDEX "members_agency_idx" ON "members" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_code_unique" ON "operations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "operations_parent_idx" ON "operations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "rate_buckets_updated_idx" ON "rate_buckets" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referrals_engagement_idx" ON "referrals" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "referrals_to_agency_idx" ON "referrals" USING btree ("to_agency_id","status");--> statement-breakpoint
CREATE INDEX "referrals_status_idx" ON "referrals" USING btree ("status","status_changed_at","urgency","operation_id","to_agency_id");--> statement-breakpoint
CREATE INDEX "referrals_changed_idx" ON "referrals" USING btree ("status_changed_at","operation_id","status");