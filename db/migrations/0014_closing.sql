CREATE TYPE "public"."agreement_party" AS ENUM('seller', 'buyer');--> statement-breakpoint
ALTER TYPE "public"."listing_status" ADD VALUE 'contracted' BEFORE 'closed';--> statement-breakpoint
ALTER TYPE "public"."listing_status" ADD VALUE 'paid' BEFORE 'closed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'agreement_signed';--> statement-breakpoint
CREATE TABLE "agreement_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"party" "agreement_party" NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"ip" text NOT NULL,
	"sha256" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"sha256" text NOT NULL,
	"facts_digest" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text
);
--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signatures_party_key" ON "agreement_signatures" USING btree ("agreement_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_sale_version_key" ON "agreements" USING btree ("sale_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_sale_current_key" ON "agreements" USING btree ("sale_id") WHERE "agreements"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "agreements_listing_idx" ON "agreements" USING btree ("listing_id");