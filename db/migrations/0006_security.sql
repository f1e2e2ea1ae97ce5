ALTER TABLE "listings" ADD COLUMN "max_bid_multiple" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "sealed_bids" ADD COLUMN "key_id" text DEFAULT 'legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_max_bid_multiple_sane" CHECK ("listings"."max_bid_multiple" between 2 and 100);