CREATE TYPE "public"."document_reader" AS ENUM('bidder', 'visitor', 'seller', 'operator');--> statement-breakpoint
ALTER TABLE "document_access" ADD COLUMN "reader" "document_reader";--> statement-breakpoint
UPDATE "document_access" AS a SET "reader" = CASE
  WHEN a."registration_id" IS NOT NULL THEN 'bidder'::"document_reader"
  WHEN EXISTS (SELECT 1 FROM "listings" l WHERE l."id" = a."listing_id" AND l."seller_org_id" = a."organisation_id") THEN 'seller'::"document_reader"
  WHEN EXISTS (SELECT 1 FROM "documents" d WHERE d."id" = a."document_id" AND d."seller_org_id" = a."organisation_id") THEN 'seller'::"document_reader"
  WHEN EXISTS (SELECT 1 FROM "memberships" m WHERE m."user_id" = a."user_id" AND m."role" = 'operator') THEN 'operator'::"document_reader"
  ELSE 'visitor'::"document_reader"
END;--> statement-breakpoint
ALTER TABLE "document_access" ALTER COLUMN "reader" SET NOT NULL;
