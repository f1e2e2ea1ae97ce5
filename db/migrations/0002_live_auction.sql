CREATE TYPE "public"."auction_outcome" AS ENUM('sold', 'designated_floor', 'no_bids', 'reserve_not_met');--> statement-breakpoint
CREATE TABLE "proxy_bids" (
	"listing_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"maximum" bigint NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proxy_bids_listing_id_registration_id_pk" PRIMARY KEY("listing_id","registration_id")
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "lead_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "designated_registration_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "outcome" "auction_outcome";--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "winner_registration_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "hammer_price" bigint;--> statement-breakpoint
ALTER TABLE "proxy_bids" ADD CONSTRAINT "proxy_bids_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_bids" ADD CONSTRAINT "proxy_bids_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;