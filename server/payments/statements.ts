import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deposits, sales, statementImports, statementLines, type Deposit, type Sale } from "../../db/schema/index";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import type { Principal } from "../../core/identity/access";
import { currencyDigits } from "../../core/money";
import { readStatementRows, type StatementRow } from "../../core/bank-statement";
import { matchStatement, type LineOutcome } from "../../core/statement-matching";
import { readReference } from "../../core/payment-reference";
import { decodeCsv } from "../assets/tapes/read";
import type { FileKinds } from "../files/content-type";
import type { Vault } from "../privacy/vault";
import { isUuid } from "../ids";
import { openDepositStatuses, requirePaymentsOperator, type DepositService } from "./deposits";
import type { SaleService } from "./sales";
import { resolveLineSchema } from "../../core/contract/payments";
import { statementLineOutcomes } from "../../core/enums";

/** A statement is a CSV: text, never a zip or anything with a NUL (server/files/content-type.ts). */
export const statementKinds: FileKinds = {
  opening: (head) => !head.includes(0),
  kindOf(data) {
    try {
      decodeCsv(data);
      return "text/csv";
    } catch {
      return null;
    }
  },
  names: "a CSV file",
};

/** A statement larger than this is split by the operator: a day's or a month's bookings are far fewer. */
export const STATEMENT_MAX_BYTES = 5 * 1024 * 1024;
export const STATEMENT_MAX_LINES = 20_000;

const flagged: readonly LineOutcome[] = ["amount_mismatch", "currency_mismatch", "unknown_reference", "settled"];

/**
 * The same booking read twice has the same id: the bank's transaction id when the statement has
 * one, else a digest of the line's content and how many identical lines came before it in the
 * file (two equal transfers on one day are two bookings; the same statement imported again, or
 * one overlapping it, repeats them in the same order).
 */
function externalIds(lines: readonly StatementRow[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    if (line.transactionId) return `txn:${line.transactionId}`;
    const content = [line.bookedOn, line.amount, line.currency, line.referenceText, line.payerName].join("\u001f");
    const occurrence = seen.get(content) ?? 0;
    seen.set(content, occurrence + 1);
    return `line:${createHash("sha256").update(`${content}\u001f${occurrence}`).digest("hex")}`;
  });
}

/**
 * Bank statements of the escrow account (docs/domain.md "Payments"): imported whole or not at all,
 * each line matched by the platform's reference and the amount owed (core/statement-matching.ts),
 * the matched ones credited to their deposits, the others listed for the operator to credit by hand
 * or to send back. The payer's name is sealed: it is the payer's personal data.
 */
export function createStatementService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  vault: Vault;
  deposits: DepositService;
  sales: SaleService;
}) {
  const { db, clock, audit, vault } = deps;

  function read(data: Uint8Array) {
    if (data.byteLength > STATEMENT_MAX_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", "The statement is too large: at most 5 MB. Split it by date.");
    }
    let rows: string[][];
    try {
      rows = parse(decodeCsv(data).text, { relax_column_count: true, skip_empty_lines: true, bom: true });
    } catch {
      throw new AppError("STATEMENT_INVALID", "The file is not a CSV statement.", { problems: [] });
    }
    if (rows.length - 1 > STATEMENT_MAX_LINES) {
      throw new AppError("PAYLOAD_TOO_LARGE", `The statement has more than ${STATEMENT_MAX_LINES} lines. Split it by date.`);
    }
    const read = readStatementRows(rows, currencyDigits);
    if (!read.ok) {
      throw new AppError("STATEMENT_INVALID", "The statement has problems: nothing was imported.", {
        problems: read.problems.slice(0, 200),
      });
    }
    if (read.lines.length === 0) throw new AppError("STATEMENT_INVALID", "The statement has no lines.", { problems: [] });
    return read.lines;
  }

  return {
    /** Imports one statement in one transaction: every line stored with its outcome, the matched ones credited. */
    async import(principal: Principal, input: { fileName: string; data: Uint8Array }) {
      const operator = requirePaymentsOperator(principal);
      const lines = read(input.data);
      const ids = externalIds(lines);
      const found = lines.map((l) => readReference(l.referenceText)).flatMap((r) => (r.found ? [r] : []));
      const referencesFor = (purpose: "deposit" | "balance") =>
        [...new Set(found.filter((r) => r.purpose === purpose).map((r) => r.reference))].sort();
      const references = referencesFor("deposit");
      return db.transaction(async (tx) => {
        // Locked in one order, so that two imports naming the same deposits cannot deadlock.
        const named = references.length
          ? await tx
              .select()
              .from(deposits)
              .where(inArray(deposits.reference, references))
              .orderBy(asc(deposits.id))
              .for("no key update")
          : [];
        const byReference = new Map<string, Deposit>(named.map((d) => [d.reference, d]));
        const bySale = new Map<string, Sale>(
          (await deps.sales.lockByReferences(tx, referencesFor("balance"))).map((sale) => [sale.balanceReference, sale]),
        );
        const before = new Set(
          (
            await tx
              .select({ externalId: statementLines.externalId })
              .from(statementLines)
              .where(inArray(statementLines.externalId, ids))
          ).map((r) => r.externalId),
        );
        const outcomes = matchStatement(
          lines.map((line, i) => ({ ...line, externalId: ids[i]! })),
          (reference) => {
            const sale = bySale.get(reference);
            if (sale) {
              return {
                reference,
                purpose: "balance",
                currency: sale.currency,
                expected: sale.balanceDue,
                received: sale.balanceReceived,
                open: !sale.paidAt && !sale.defaultedAt,
              };
            }
            const d = byReference.get(reference);
            return d
              ? {
                  reference,
                  purpose: "deposit",
                  currency: d.currency,
                  expected: d.expected,
                  received: d.received,
                  open: (openDepositStatuses as readonly string[]).includes(d.status) && d.status !== "held",
                }
              : undefined;
          },
          (externalId) => before.has(externalId),
        );
        const counts = Object.fromEntries(statementLineOutcomes.map((o) => [o, 0])) as Record<LineOutcome, number>;
        for (const o of outcomes) counts[o.outcome] += 1;
        const [imported] = await tx
          .insert(statementImports)
          .values({
            fileName: input.fileName.slice(0, 200),
            sha256: createHash("sha256").update(input.data).digest("hex"),
            lineCount: lines.length,
            counts,
            importedBy: operator.userId,
            createdAt: clock.now(),
          })
          .returning();
        for (const [i, line] of lines.entries()) {
          const outcome = outcomes[i]!;
          let deposit = outcome.reference ? byReference.get(outcome.reference) : undefined;
          let sale = outcome.reference ? bySale.get(outcome.reference) : undefined;
          let receiptId: string | null = null;
          const money = {
            source: "statement" as const,
            externalId: ids[i]!,
            amount: line.amount,
            currency: line.currency,
            bookedOn: line.bookedOn,
          };
          if (outcome.outcome === "matched" && sale) {
            const arrival = await deps.sales.receive(tx, sale, money, actorOf(operator));
            sale = arrival.sale;
            bySale.set(sale.balanceReference, sale);
            receiptId = arrival.outcome === "duplicate" ? null : arrival.receiptId;
          }
          if (outcome.outcome === "matched" && deposit) {
            const arrival = await deps.deposits.receive(tx, deposit, money, actorOf(operator));
            deposit = arrival.deposit;
            byReference.set(deposit.reference, deposit);
            receiptId = arrival.outcome === "duplicate" ? null : arrival.receiptId;
          }
          await tx.insert(statementLines).values({
            importId: imported!.id,
            lineNo: line.lineNo,
            bookedOn: line.bookedOn,
            amount: line.amount,
            currency: line.currency,
            referenceText: line.referenceText,
            payerNameSealed: vault.seal(line.payerName, "payer.name"),
            externalId: ids[i]!,
            outcome: outcome.outcome,
            reference: outcome.reference,
            depositId: deposit?.id ?? null,
            saleId: sale?.id ?? null,
            receiptId,
          });
        }
        await audit.append(tx, {
          actor: actorOf(operator),
          action: "statement.imported",
          entityType: "statement",
          entityId: imported!.id,
          after: { fileName: imported!.fileName, sha256: imported!.sha256, lines: lines.length, counts },
        });
        return { id: imported!.id, lineCount: lines.length, counts, lines: outcomes };
      });
    },

    /** The lines still waiting for the operator, oldest first, with the payer's name opened for the operator. */
    async openLines(principal: Principal) {
      requirePaymentsOperator(principal);
      const rows = await db
        .select({ line: statementLines, deposit: deposits, sale: sales })
        .from(statementLines)
        .leftJoin(deposits, eq(deposits.id, statementLines.depositId))
        .leftJoin(sales, eq(sales.id, statementLines.saleId))
        .where(and(inArray(statementLines.outcome, [...flagged]), isNull(statementLines.resolvedAt)))
        .orderBy(asc(statementLines.bookedOn), asc(statementLines.lineNo))
        .limit(500);
      return rows.map(({ line: { payerNameSealed, ...line }, deposit, sale }) => {
        // What the operator is told beside the outcome, as things stand now.
        const read = readReference(line.referenceText);
        const why: Record<string, string> = {};
        const owed = deposit
          ? { currency: deposit.currency, expected: deposit.expected, received: deposit.received }
          : sale
            ? { currency: sale.currency, expected: sale.balanceDue, received: sale.balanceReceived }
            : null;
        if (owed) {
          why.owedCurrency = owed.currency;
          why.outstanding = (owed.expected > owed.received ? owed.expected - owed.received : 0n).toString();
        }
        if (!read.found && read.nearMiss) why.nearMiss = read.nearMiss;
        return { ...line, payerName: vault.open(payerNameSealed, "payer.name"), why };
      });
    },

    /** Recent imports, newest first. */
    async imports(principal: Principal) {
      requirePaymentsOperator(principal);
      return db.select().from(statementImports).orderBy(desc(statementImports.createdAt)).limit(50);
    },

    /**
     * The operator resolves a flagged line: credits it to a deposit it names (a part, an
     * overpayment, a reference the payer mistyped) or records that the money was sent back.
     */
    async resolveLine(principal: Principal, lineId: string, raw: unknown) {
      const operator = requirePaymentsOperator(principal);
      const input = resolveLineSchema.parse(raw);
      if (!isUuid(lineId)) throw new AppError("NOT_FOUND", "Statement line not found.");
      return db.transaction(async (tx) => {
        const [line] = await tx.select().from(statementLines).where(eq(statementLines.id, lineId)).for("no key update");
        if (!line || !flagged.includes(line.outcome)) throw new AppError("NOT_FOUND", "Statement line not found.");
        if (line.resolvedAt) throw new AppError("ALREADY_DECIDED", "This line has been resolved.");
        const now = clock.now();
        if (input.action === "return") {
          await tx
            .update(statementLines)
            .set({ resolution: `returned ${input.bankReference}`, resolvedBy: operator.userId, resolvedAt: now })
            .where(eq(statementLines.id, line.id));
          await audit.append(tx, {
            actor: actorOf(operator),
            action: "statement.line_returned",
            entityType: "statement",
            entityId: line.importId,
            after: { lineId: line.id, amount: line.amount, currency: line.currency, bankReference: input.bankReference },
          });
          return { resolution: "returned" as const };
        }
        const read = readReference(input.reference);
        if (!read.found) throw new AppError("NOT_FOUND", "No payment has that reference.", { field: "reference" });
        const money = {
          source: "statement" as const,
          externalId: line.externalId,
          amount: line.amount,
          currency: line.currency,
          bookedOn: line.bookedOn,
          recordedBy: operator.userId,
        };
        const resolve = (link: { saleId?: string; depositId?: string }, receiptId: string, credited: boolean) =>
          tx
            .update(statementLines)
            .set({
              resolution: credited ? "credited" : "owed back",
              depositId: link.depositId ?? null,
              saleId: link.saleId ?? null,
              receiptId,
              resolvedBy: operator.userId,
              resolvedAt: now,
            })
            .where(eq(statementLines.id, line.id));
        if (read.purpose === "balance") {
          const [sale] = await deps.sales.lockByReferences(tx, [read.reference]);
          if (!sale) throw new AppError("NOT_FOUND", "No payment has that reference.", { field: "reference" });
          const arrival = await deps.sales.receive(tx, sale, money, actorOf(operator));
          if (arrival.outcome === "duplicate") throw new AppError("ALREADY_DECIDED", "This booking has already been credited.");
          await resolve({ saleId: sale.id }, arrival.receiptId, arrival.outcome === "credited");
          return {
            resolution: arrival.outcome,
            sale: { paid: arrival.sale.paidAt !== null, received: arrival.sale.balanceReceived },
          };
        }
        const [deposit] = await tx.select().from(deposits).where(eq(deposits.reference, read.reference)).for("no key update");
        if (!deposit) throw new AppError("NOT_FOUND", "No payment has that reference.", { field: "reference" });
        const arrival = await deps.deposits.receive(tx, deposit, money, actorOf(operator));
        if (arrival.outcome === "duplicate") throw new AppError("ALREADY_DECIDED", "This booking has already been credited.");
        await resolve({ depositId: deposit.id }, arrival.receiptId, arrival.outcome === "credited");
        return { resolution: arrival.outcome, deposit: { status: arrival.deposit.status, received: arrival.deposit.received } };
      });
    },
  };
}

export type StatementService = ReturnType<typeof createStatementService>;
