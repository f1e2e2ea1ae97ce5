ALTER TABLE "organisations" ADD COLUMN "name_zh" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "summary_zh" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "listings" SET "title_en" = "title";--> statement-breakpoint
ALTER TABLE "listings" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "title" text GENERATED ALWAYS AS (coalesce(title_en, title_zh)) STORED NOT NULL;
