import { bigint, char, timestamp, uuid } from "drizzle-orm/pg-core";

/** Money is an integer of minor units; the currency lives beside it on the owning row. */
export const money = (name: string) => bigint(name, { mode: "bigint" });
export const currency = (name = "currency") => char(name, { length: 3 }).notNull().default("CNY");
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => at("created_at").notNull().defaultNow();
export const id = () => uuid("id").primaryKey().defaultRandom();
