CREATE TABLE "folder_role_choices" (
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"path" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "folder_role_choices_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
ALTER TABLE "user_settings" ADD COLUMN "after_move" text DEFAULT 'next' NOT NULL;--> statement-breakpoint
ALTER TABLE "folder_role_choices" ADD CONSTRAINT "folder_role_choices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;