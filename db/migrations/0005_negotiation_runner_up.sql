CREATE TYPE "public"."negotiation_party" AS ENUM('seller', 'investor');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('open', 'countered', 'accepted', 'expired');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'offer_received';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'offer_accepted';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'runner_up_offered';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'best_and_final_invited';--> statement-breakpoint
CREATE TABLE "negotiation_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"party" "negotiation_party" NOT NULL,
	"amount" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" "offer_status" DEFAULT 'open' NOT NULL,
	"made_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "negotiation_justification" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "counterparty_org_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "best_and_final_top_n" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "tender_round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "defaulted_registration_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "runner_up_registration_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "runner_up_price" bigint;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "runner_up_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sealed_bids" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_offers" ADD CONSTRAINT "negotiation_offers_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_offers" ADD CONSTRAINT "negotiation_offers_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "negotiation_offers_listing_idx" ON "negotiation_offers" USING btree ("listing_id","created_at");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_counterparty_org_id_organisations_id_fk" FOREIGN KEY ("counterparty_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;