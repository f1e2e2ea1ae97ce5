ALTER TYPE "public"."notification_kind" ADD VALUE 'designated_commitment_requested';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'registration_extended';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'listing_relisted';--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "designated_org_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "designated_floor" bigint;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "registration_extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "first_bid_window_seconds" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "previous_listing_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_designated_org_id_organisations_id_fk" FOREIGN KEY ("designated_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listings_previous_idx" ON "listings" USING btree ("previous_listing_id");