CREATE TYPE "public"."deposit_status" AS ENUM('required', 'pending', 'held', 'applied', 'released', 'forfeited', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."payment_provider" AS ENUM('bank_transfer', 'stripe');--> statement-breakpoint
CREATE TYPE "public"."receipt_source" AS ENUM('operator', 'statement', 'stripe');--> statement-breakpoint
CREATE TYPE "public"."refund_reason" AS ENUM('released', 'overpaid', 'late');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('due', 'sent');--> statement-breakpoint
CREATE TYPE "public"."statement_line_outcome" AS ENUM('matched', 'amount_mismatch', 'currency_mismatch', 'unknown_reference', 'settled', 'duplicate', 'outgoing');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'deposit_held';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'deposit_released';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'deposit_forfeited';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'refund_sent';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'auction_won';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'auction_lost';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'listing_sold';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'balance_reminder';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'balance_paid';--> statement-breakpoint
CREATE TABLE "deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"provider" "payment_provider" DEFAULT 'bank_transfer' NOT NULL,
	"reference" text NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"expected" bigint NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"status" "deposit_status" DEFAULT 'required' NOT NULL,
	"provider_ref" text,
	"held_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deposits_amounts_sane" CHECK ("deposits"."expected" > 0 and "deposits"."received" >= 0)
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"deposit_id" uuid,
	"sale_id" uuid,
	"source" "receipt_source" NOT NULL,
	"external_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"booked_on" date,
	"counted" boolean DEFAULT true NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipts_amount_positive" CHECK ("receipts"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"listing_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"deposit_id" uuid,
	"sale_id" uuid,
	"receipt_id" uuid,
	"reason" "refund_reason" NOT NULL,
	"provider" "payment_provider" DEFAULT 'bank_transfer' NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"status" "refund_status" DEFAULT 'due' NOT NULL,
	"sent_reference" text,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"price" bigint NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"deposit_held" bigint DEFAULT 0 NOT NULL,
	"balance_reference" text NOT NULL,
	"balance_due" bigint NOT NULL,
	"balance_received" bigint DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reminded_early_at" timestamp with time zone,
	"reminded_late_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"defaulted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_amounts_sane" CHECK ("sales"."price" > 0 and "sales"."balance_due" >= 0 and "sales"."balance_received" >= 0 and "sales"."deposit_held" >= 0)
);
--> statement-breakpoint
CREATE TABLE "statement_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"line_count" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"imported_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"booked_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"reference_text" text NOT NULL,
	"payer_name" text NOT NULL,
	"external_id" text NOT NULL,
	"outcome" "statement_line_outcome" NOT NULL,
	"reference" text,
	"deposit_id" uuid,
	"sale_id" uuid,
	"receipt_id" uuid,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_deposit_confirmed_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_deposit_id_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_deposit_id_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_import_id_statement_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."statement_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_deposit_id_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deposits_reference_key" ON "deposits" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "deposits_open_registration_key" ON "deposits" USING btree ("registration_id") WHERE "deposits"."status" in ('required', 'pending', 'held');--> statement-breakpoint
CREATE INDEX "deposits_listing_idx" ON "deposits" USING btree ("listing_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_source_external_key" ON "receipts" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "receipts_deposit_idx" ON "receipts" USING btree ("deposit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_key" ON "refunds" USING btree ("key");--> statement-breakpoint
CREATE INDEX "refunds_status_idx" ON "refunds" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "refunds_registration_idx" ON "refunds" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_listing_buyer_key" ON "sales" USING btree ("listing_id","registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_balance_reference_key" ON "sales" USING btree ("balance_reference");--> statement-breakpoint
CREATE INDEX "sales_due_idx" ON "sales" USING btree ("due_at") WHERE "sales"."paid_at" is null and "sales"."defaulted_at" is null;--> statement-breakpoint
CREATE INDEX "statement_imports_created_idx" ON "statement_imports" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_lines_import_line_key" ON "statement_lines" USING btree ("import_id","line_no");--> statement-breakpoint
CREATE INDEX "statement_lines_open_idx" ON "statement_lines" USING btree ("outcome","resolved_at");--> statement-breakpoint
-- Registrations from before deposits were kept: each gets its deposit, held if an operator had
-- confirmed it, with a platform reference (core/payment-reference.ts) drawn here. The closing job
-- then releases whatever a registration that did not win still holds.
DO $$
DECLARE
  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTWXYZ';
  r record;
  body text;
  total int;
  ref text;
BEGIN
  FOR r IN
    SELECT reg.id, reg.listing_id, reg.status, reg.deposit_confirmed_at, l.deposit, l.currency
    FROM registrations reg JOIN listings l ON l.id = reg.listing_id
    WHERE l.deposit > 0
  LOOP
    LOOP
      body := '';
      FOR i IN 1..8 LOOP
        body := body || substr(alphabet, 1 + floor(random() * 31)::int, 1);
      END LOOP;
      total := position('D' in alphabet) - 1;
      FOR i IN 1..8 LOOP
        total := total + (i + 1) * (position(substr(body, i, 1) in alphabet) - 1);
      END LOOP;
      ref := 'NPXD' || body || substr(alphabet, 1 + total % 31, 1);
      EXIT WHEN NOT EXISTS (SELECT 1 FROM deposits WHERE reference = ref);
    END LOOP;
    INSERT INTO deposits (listing_id, registration_id, reference, currency, expected, received, status, held_at)
    VALUES (
      r.listing_id, r.id, ref, r.currency, r.deposit,
      CASE WHEN r.deposit_confirmed_at IS NULL THEN 0 ELSE r.deposit END,
      (CASE
        WHEN r.deposit_confirmed_at IS NOT NULL THEN 'held'
        WHEN r.status IN ('pending', 'approved') THEN 'pending'
        ELSE 'expired'
      END)::deposit_status,
      r.deposit_confirmed_at
    );
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE "registrations" DROP COLUMN "deposit_confirmed_at";--> statement-breakpoint
ALTER TABLE "registrations" DROP COLUMN "deposit_confirmed_by";