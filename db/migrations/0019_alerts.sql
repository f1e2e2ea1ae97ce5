ALTER TYPE "public"."mail_status" ADD VALUE 'off';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'outbid';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'auction_ending';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'auction_extended';--> statement-breakpoint
CREATE TABLE "alert_settings" (
	"user_id" uuid NOT NULL,
	"alert" text NOT NULL,
	"in_app" boolean NOT NULL,
	"email" boolean NOT NULL,
	CONSTRAINT "alert_settings_user_id_alert_pk" PRIMARY KEY("user_id","alert")
);
--> statement-breakpoint
CREATE TABLE "listing_alerts" (
	"listing_id" uuid NOT NULL,
	"alert" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	CONSTRAINT "listing_alerts_listing_id_alert_pk" PRIMARY KEY("listing_id","alert")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "shown" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "alert_key" text;--> statement-breakpoint
ALTER TABLE "alert_settings" ADD CONSTRAINT "alert_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_alerts" ADD CONSTRAINT "listing_alerts_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_alert_key" ON "notifications" USING btree ("user_id","alert_key");