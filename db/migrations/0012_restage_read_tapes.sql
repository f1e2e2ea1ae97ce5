-- A read tape now stages each valid row as the rows it becomes (server/assets/tapes/apply.ts).
-- Tapes read but not yet applied hold rows staged the earlier way: their staging is cleared and
-- they are read again from their files (the reader takes up a tape left `validating`).
DELETE FROM "tape_rows" WHERE "tape_id" IN (SELECT "id" FROM "tapes" WHERE "status" IN ('valid', 'invalid') AND "rows" > 0);
--> statement-breakpoint
DELETE FROM "tape_errors" WHERE "tape_id" IN (SELECT "id" FROM "tapes" WHERE "status" IN ('valid', 'invalid') AND "rows" > 0);
--> statement-breakpoint
UPDATE "tapes"
SET "status" = 'validating', "reading_at" = NULL, "rows" = 0, "valid_rows" = 0, "error_count" = 0, "finished_at" = NULL,
  "progress" = "progress" || '{"parsed":0,"validated":0,"written":0}'::jsonb
WHERE "status" IN ('valid', 'invalid') AND "rows" > 0;
