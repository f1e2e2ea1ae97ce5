CREATE TYPE "public"."collateral_type" AS ENUM('residential', 'commercial', 'industrial', 'land_use_right', 'vehicle', 'machinery', 'equity', 'receivables', 'deposit', 'other');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('resident_id', 'credit_code', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_registration');--> statement-breakpoint
CREATE TYPE "public"."tape_status" AS ENUM('validating', 'invalid', 'valid', 'applied', 'cancelled');--> statement-breakpoint
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
CREATE TABLE "tape_errors" (
	"tape_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"column" text NOT NULL,
	"value" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tape_mappings" (
	"seller_org_id" uuid PRIMARY KEY NOT NULL,
	"headers" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tape_rows" (
	"tape_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"loan_id" text,
	"ok" boolean NOT NULL,
	"record" jsonb,
	CONSTRAINT "tape_rows_tape_id_row_pk" PRIMARY KEY("tape_id","row")
);
--> statement-breakpoint
CREATE TABLE "tapes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_org_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text NOT NULL,
	"status" "tape_status" DEFAULT 'validating' NOT NULL,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"progress" jsonb DEFAULT '{"parsed":0,"validated":0,"written":0}'::jsonb NOT NULL,
	"reading_at" timestamp with time zone,
	"failure" text,
	"valid_only" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"applied_by" uuid
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
ALTER TABLE "assets" ADD COLUMN "tape_id" uuid;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_collateral" ADD CONSTRAINT "asset_collateral_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tape_errors" ADD CONSTRAINT "tape_errors_tape_id_tapes_id_fk" FOREIGN KEY ("tape_id") REFERENCES "public"."tapes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tape_mappings" ADD CONSTRAINT "tape_mappings_seller_org_id_organisations_id_fk" FOREIGN KEY ("seller_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tape_rows" ADD CONSTRAINT "tape_rows_tape_id_tapes_id_fk" FOREIGN KEY ("tape_id") REFERENCES "public"."tapes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tapes" ADD CONSTRAINT "tapes_seller_org_id_organisations_id_fk" FOREIGN KEY ("seller_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tapes" ADD CONSTRAINT "tapes_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tapes" ADD CONSTRAINT "tapes_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_collateral_asset_idx" ON "asset_collateral" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "tape_errors_tape_idx" ON "tape_errors" USING btree ("tape_id","row");--> statement-breakpoint
CREATE INDEX "tape_rows_loan_idx" ON "tape_rows" USING btree ("tape_id","loan_id");--> statement-breakpoint
CREATE INDEX "tapes_seller_idx" ON "tapes" USING btree ("seller_org_id","created_at");--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_tape_id_tapes_id_fk" FOREIGN KEY ("tape_id") REFERENCES "public"."tapes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_parties_digest_idx" ON "asset_parties" USING btree ("id_number_digest");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_seller_loan_key" ON "assets" USING btree ("seller_org_id","loan_id") WHERE "assets"."loan_id" is not null;