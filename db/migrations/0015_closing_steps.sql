CREATE TYPE "public"."handover_item_kind" AS ENUM('document', 'original_contracts', 'security_certificates', 'litigation_files', 'collection_records', 'other');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'handover_delivered';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'sale_completed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'debtor_notice_published';--> statement-breakpoint
CREATE TABLE "debtor_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"sale_id" uuid NOT NULL,
	"number" text NOT NULL,
	"text" text NOT NULL,
	"sha256" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"kind" "handover_item_kind" NOT NULL,
	"label" text,
	"document_id" uuid,
	"position" integer NOT NULL,
	"delivered_at" timestamp with time zone,
	"delivered_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "debtor_notices" ADD CONSTRAINT "debtor_notices_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_notices" ADD CONSTRAINT "debtor_notices_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_notices" ADD CONSTRAINT "debtor_notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_delivered_by_users_id_fk" FOREIGN KEY ("delivered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "debtor_notices_listing_key" ON "debtor_notices" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "handover_items_sale_idx" ON "handover_items" USING btree ("sale_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "handover_items_document_key" ON "handover_items" USING btree ("sale_id","document_id") WHERE "handover_items"."document_id" is not null;