import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { notifications, users } from "../../db/schema";
import type { Mail, MailTransport } from "../../server/notifications/mail";
import { closedAuction } from "../support/closed-auction";
import { useLifecycleWorld } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

/** What nodemailer would put on the wire, read back: each mail composed by the real library. */
interface Sent {
  to: { address: string }[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

function recordingTransport() {
  const composer = nodemailer.createTransport({ jsonTransport: true });
  const sent: Sent[] = [];
  let failing = false;
  let hanging = false;
  let tries = 0;
  const transport: MailTransport = {
    async send(mail: Mail) {
      tries += 1;
      // A node that stops mid-send: the try never answers.
      if (hanging) return new Promise<void>(() => {});
      if (failing) throw new Error("connection refused");
      const info = await composer.sendMail({ from: "nplex <no-reply@nplex.test>", ...mail });
      sent.push(JSON.parse(info.message) as Sent);
    },
  };
  return {
    transport,
    sent,
    fail: (on: boolean) => (failing = on),
    hang: (on: boolean) => (hanging = on),
    tries: () => tries,
  };
}

/** Sold: the closed auction's sale opened, so the winner, the loser and the seller have been told. */
async function soldAndTold(
  s: ReturnType<ReturnType<typeof useLifecycleWorld>["services"]>,
  world: Parameters<typeof closedAuction>[1],
) {
  const sold = await closedAuction(s, world);
  await s.deposits.releaseDue(10);
  await s.sales.openDue(10);
  return sold;
}

describe("e-mail with an SMTP server", () => {
  const recorder = recordingTransport();
  const { services: s, world, clock } = useLifecycleWorld(undefined, () => ({ mailTransport: recorder.transport }));

  it("mails each notification once, in its reader's language, with the sale confirmation attached to the winner's", async () => {
    recorder.sent.length = 0;
    await s().db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, world().investor2.userId));
    const { listing } = await soldAndTold(s(), world());
    const queued = await s().db.select().from(notifications).where(eq(notifications.mailStatus, "queued"));
    expect(queued.length).toBeGreaterThan(2);

    expect(await s().mail.deliverDue(100)).toBe(queued.length);
    expect(await s().mail.deliverDue(100)).toBe(0);
    expect(recorder.sent).toHaveLength(queued.length);

    const to = (email: string) => recorder.sent.filter((m) => m.to[0]!.address === email);
    const [won] = to("investor1@fund.test").filter((m) => m.text.startsWith("You won"));
    expect(won).toBeDefined();
    expect(won!.subject).toBe(`nplex · ${listing.title}`);
    expect(won!.text).toContain(`/listings/${listing.id}`);
    expect(won!.attachments).toHaveLength(1);
    expect(won!.attachments[0]!.filename).toMatch(/\.pdf$/);
    expect(Buffer.from(won!.attachments[0]!.content, "base64").subarray(0, 5).toString()).toBe("%PDF-");

    // Jade River reads Chinese: its mail is written in Chinese, and a loser is sent no document.
    const lost = to("investor2@fund.test").find((m) => m.text.includes("由其他竞买人竞得"));
    expect(lost).toBeDefined();
    expect(lost!.attachments).toEqual([]);
    expect(lost!.text).toContain("在 nplex 查看");
    // The seller learns who bought, and gets the confirmation too.
    const soldMail = to("seller@bank.test").find((m) => m.text.includes("sold at"));
    expect(soldMail?.attachments).toHaveLength(1);
    // Nothing in any mail names the guarantor, a natural person.
    for (const mail of recorder.sent) expect(mail.text).not.toContain("Feng Hengda");
  });

  it("tries a failed mail again after a wait that grows (1, 5, 30, 120 minutes), and gives up after five tries", async () => {
    recorder.sent.length = 0;
    recorder.fail(true);
    await soldAndTold(s(), world());
    const count = (await s().db.select().from(notifications)).length;
    const waits = [1, 5, 30, 120].map((m) => m * 60_000);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const before = recorder.tries();
      expect(await s().mail.deliverDue(100)).toBe(0);
      expect(recorder.tries() - before).toBe(count);
      if (attempt === 5) break;
      // Not again before its wait is over.
      clock().advance(waits[attempt - 1]! - 1_000);
      expect(await s().mail.deliverDue(100)).toBe(0);
      expect(recorder.tries() - before).toBe(count);
      clock().advance(1_000);
    }
    const rows = await s().db.select().from(notifications);
    expect(rows.every((n) => n.mailStatus === "failed" && n.mailAttempts === 5)).toBe(true);
    recorder.fail(false);
    clock().advance(24 * 60 * 60_000);
    expect(await s().mail.deliverDue(100)).toBe(0);
    expect(recorder.sent).toHaveLength(0);
    expect(rows).toHaveLength(count);
  });

  it("sends what failed once the SMTP server is back, at its next try", async () => {
    recorder.sent.length = 0;
    recorder.fail(true);
    await soldAndTold(s(), world());
    const count = (await s().db.select().from(notifications)).length;
    expect(await s().mail.deliverDue(100)).toBe(0);
    recorder.fail(false);
    clock().advance(60_000);
    expect(await s().mail.deliverDue(100)).toBe(count);
    expect(recorder.sent).toHaveLength(count);
    expect(await s().mail.deliverDue(100)).toBe(0);
  });

  it("gives a mail up when its last try never answers (its node stopped mid-send), once that try's wait is over", async () => {
    recorder.sent.length = 0;
    recorder.fail(true);
    await soldAndTold(s(), world());
    const count = (await s().db.select().from(notifications)).length;
    for (const wait of [1, 5, 30, 120]) {
      await s().mail.deliverDue(100);
      clock().advance(wait * 60_000);
    }
    // The fifth round's node stops inside its first send: the send never answers.
    recorder.hang(true);
    const triesBefore = recorder.tries();
    void s().mail.deliverDue(100);
    await expect.poll(() => recorder.tries()).toBe(triesBefore + 1);
    const rows = () => s().db.select().from(notifications);
    const [stuck] = (await rows()).filter((n) => n.mailAttempts === 5);
    recorder.hang(false);
    recorder.fail(false);
    // Another round sends the rest at their fifth try; the stuck one waits out its try.
    clock().advance(120 * 60_000 - 1_000);
    expect(await s().mail.deliverDue(100)).toBe(count - 1);
    expect(recorder.sent).toHaveLength(count - 1);
    const status = async () => (await rows()).find((n) => n.id === stuck!.id)!.mailStatus;
    expect(await status()).toBe("queued");
    clock().advance(1_000);
    expect(await s().mail.deliverDue(100)).toBe(0);
    expect(await status()).toBe("failed");
    expect(recorder.sent).toHaveLength(count - 1);
  });
});

describe("e-mail without an SMTP server", () => {
  const { services: s, world } = useLifecycleWorld();

  it("is kept in an outbox that operators read, written as it would have been sent", async () => {
    const { listing } = await soldAndTold(s(), world());
    const told = (await s().db.select().from(notifications)).length;
    expect(await s().mail.deliverDue(100)).toBe(told);
    const outbox = await s().mail.outbox(world().operator);
    expect(outbox).toHaveLength(told);
    const won = outbox.find((m) => m.to === "investor1@fund.test" && m.text.startsWith("You won"));
    expect(won).toMatchObject({ status: "kept", subject: `nplex · ${listing.title}`, attachment: "confirmation" });
    expect((await refusal(s().mail.outbox(world().investor1))).code).toBe("FORBIDDEN");
    expect((await refusal(s().mail.outbox(world().seller))).code).toBe("FORBIDDEN");
  });
});
