CREATE TABLE "pending_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"attachment_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"state" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"sealed_credentials" text,
	"error" text,
	"warning" text,
	"sent_copy_saved" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "confirmation_code_hash" text;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "confirmation_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "confirmation_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_sends" ADD CONSTRAINT "pending_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_sends_user_message_idx" ON "pending_sends" USING btree ("user_id","message_id");--> statement-breakpoint
CREATE INDEX "pending_sends_state_due_idx" ON "pending_sends" USING btree ("state","due_at");