CREATE TABLE "invitations" (
	"operation_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"invited_by_team_id" text NOT NULL,
	"invited_by_user_id" text NOT NULL,
	"invited_at" bigint NOT NULL,
	CONSTRAINT "invitations_operation_id_agency_id_pk" PRIMARY KEY("operation_id","agency_id")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "lang" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "operations" ADD COLUMN "lang" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "operations" ADD COLUMN "hide_below" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;