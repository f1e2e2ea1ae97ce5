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
  const transport: MailTransport = {
    async send(mail: Mail) {
      if (failing) throw new Error("connection refused");
      const info = await composer.sendMail({ from: "nplex <no-reply@nplex.test>", ...mail });
      sent.push(JSON.parse(info.message) as Sent);
    },
  };
  return { transport, sent, fail: (on: boolean) => (failing = on) };
}

/** Sold: the closed auction's sale opened, so the winner, the loser and the seller have been told. */
async function soldAndTold(s: ReturnType<ReturnType<typeof useLifecycleWorld>["services"]>, world: Parameters<typeof closedAuction>[1]) {
  const sold = await closedAuction(s, world);
  await s.deposits.releaseDue(10);
  await s.sales.openDue(10);
  return sold;
}

describe("e-mail with an SMTP server", () => {
  const recorder = recordingTransport();
  const { services: s, world } = useLifecycleWorld(undefined, () => ({ mailTransport: recorder.transport }));

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

  it("tries a mail again when sending fails, and gives up after five tries", async () => {
    recorder.sent.length = 0;
    recorder.fail(true);
    await soldAndTold(s(), world());
    const count = (await s().db.select().from(notifications)).length;
    for (let attempt = 1; attempt <= 5; attempt += 1) expect(await s().mail.deliverDue(100)).toBe(0);
    const rows = await s().db.select().from(notifications);
    expect(rows.every((n) => n.mailStatus === "failed" && n.mailAttempts === 5)).toBe(true);
    recorder.fail(false);
    expect(await s().mail.deliverDue(100)).toBe(0);
    expect(rows).toHaveLength(count);
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
