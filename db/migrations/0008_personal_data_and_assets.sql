CREATE TYPE "public"."collateral_type" AS ENUM('residential', 'commercial', 'industrial', 'land_use_right', 'vehicle', 'machinery', 'equity', 'receivables', 'deposit', 'other');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('resident_id', 'credit_code', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_registration');--> statement-breakpoint
CREATE TABLE "asset_collateral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"type" "collateral_type" NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"area" numeric(11, 2),
	"appraised_value" bigint,
	"appraised_on" date,
	"lien_rank" integer,
	"certificate_number" text
);
--> statement-breakpoint
ALTER TABLE "asset_parties" ADD COLUMN "id_type" "document_kind";--> statement-breakpoint
ALTER TABLE "asset_parties" ADD COLUMN "name_masked" text;--> statement-breakpoint
ALTER TABLE "asset_parties" ADD COLUMN "id_number_masked" text;--> statement-breakpoint
ALTER TABLE "asset_parties" ADD COLUMN "id_number_digest" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "loan_id" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "penalty_interest" bigint;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "originated_on" date;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "defaulted_on" date;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "court" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "case_number" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "originating_officer" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "investigating_officer" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_collateral" ADD CONSTRAINT "asset_collateral_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_collateral_asset_idx" ON "asset_collateral" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_parties_digest_idx" ON "asset_parties" USING btree ("id_number_digest");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_seller_loan_key" ON "assets" USING btree ("seller_org_id","loan_id") WHERE "assets"."loan_id" is not null;