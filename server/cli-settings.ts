import type { Command } from "commander";
import type { Organisation } from "../db/schema";
import { cliActor } from "./identity/accounts";
import type { Services } from "./services";
import { MINOR_PER_MAJOR } from "../core/money";
import { DEFAULT_TIME_ZONE } from "../core/time";

/** Amounts on the command line are whole yuan (major units); the settings store minor units. */
const toMinor = (major: string) => {
  if (!/^\d{1,16}$/.test(major)) throw new Error(`"${major}" is not a whole amount`);
  return (BigInt(major) * MINOR_PER_MAJOR).toString();
};
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `settings ...`: the platform's announcement periods and rounds after a failed auction, and each
 * seller's approval tiers, the rules each market tunes (docs/domain.md "Settings at a glance").
 */
export function registerSettingsCommands(
  program: Command,
  deps: {
    open: () => Promise<Services>;
    say: (line?: string) => void;
    findOrganisation: (services: Services, idOrName: string) => Promise<Organisation>;
  },
) {
  const { open, say } = deps;
  const settings = program.command("settings").description("Announcement periods, rounds, sale modes and approval tiers.");

  settings
    .command("show")
    .description("Print the announcement periods, and an organisation's approval tiers with --org.")
    .option("--org <id-or-name>", "a seller organisation")
    .action(async (options: { org?: string }) => {
      const services = await open();
      const announcement = await services.settings.announcement();
      say(`Announcement periods (counted in ${announcement.timeZone}):`);
      for (const tier of announcement.tiers) {
        const upTo = tier.upTo === null ? "above the others" : `up to ¥${(BigInt(tier.upTo) / MINOR_PER_MAJOR).toString()}`;
        say(`  ${upTo}: ${tier.days} ${tier.workingDays ? "working days" : "days"}`);
      }
      const rounds = await services.settings.rounds();
      say("Rounds after a failed auction:");
      say(`  re-list within ${rounds.relistWithinDays} days, starting at most ${rounds.maxCutPercent}% lower`);
      say(
        `  announced for ${rounds.relistAnnouncementPercent}% of the usual period (at least ${rounds.relistAnnouncementMinDays} days)`,
      );
      say(
        `  after ${rounds.fixedPriceAfterFailures} failed rounds: a fixed-price sale for up to ${rounds.fixedPriceMaxDays} days, ${rounds.fixedPriceWindowHours}-hour window`,
      );
      const saleModes = await services.settings.saleModes();
      say(`Negotiated transfers of packages: ${saleModes.negotiatedPackages ? "allowed" : "not allowed"}`);
      if (options.org) {
        const org = await deps.findOrganisation(services, options.org);
        const { own, tiers } = await services.settings.approvalTiers(org.id);
        say(`Approval tiers of "${org.name}"${own ? "" : " (platform defaults)"}:`);
        for (const tier of tiers) {
          say(`  from ¥${(tier.minValue / MINOR_PER_MAJOR).toString()}: ${tier.approvalsRequired} × ${tier.role}`);
        }
      }
    });

  settings
    .command("announcement")
    .description("Set the announcement periods by value, e.g. --tier 10000000:7:working --tier max:20:working")
    .requiredOption("--tier <upTo:days:working|calendar>", "one tier; upTo in whole yuan, or max for the last", collect, [])
    .option("--time-zone <zone>", "where working days are counted", DEFAULT_TIME_ZONE)
    .action(async (options: { tier: string[]; timeZone: string }) => {
      const services = await open();
      const tiers = options.tier.map((spec) => {
        const [upTo, days, kind] = spec.split(":");
        return {
          upTo: upTo === "max" ? null : toMinor(upTo ?? ""),
          days: Number(days),
          workingDays: kind !== "calendar",
        };
      });
      await services.settings.setAnnouncement(cliActor, { tiers, timeZone: options.timeZone });
      say(`Announcement periods set: ${tiers.length} tier(s).`);
    });

  settings
    .command("rounds")
    .description("Set the rounds after a failed auction; options left out keep their value, e.g. --max-cut 20")
    .option("--relist-days <days>", "a failed listing may be re-listed within this many days")
    .option("--max-cut <percent>", "how much lower the next round may start")
    .option("--fixed-price-after <rounds>", "failed rounds after which the fixed-price sale is offered")
    .option("--fixed-price-days <days>", "how long the fixed-price offer stands after the last failure")
    .option("--window-hours <hours>", "how long others may bid higher once the first taker commits")
    .option("--announcement-percent <percent>", "a re-listing's announcement period as a share of the usual one")
    .option("--announcement-min-days <days>", "the shortest announcement period of a re-listing")
    .action(async (options: Record<string, string | undefined>) => {
      const services = await open();
      const given = {
        relistWithinDays: options.relistDays,
        maxCutPercent: options.maxCut,
        fixedPriceAfterFailures: options.fixedPriceAfter,
        fixedPriceMaxDays: options.fixedPriceDays,
        fixedPriceWindowHours: options.windowHours,
        relistAnnouncementPercent: options.announcementPercent,
        relistAnnouncementMinDays: options.announcementMinDays,
      };
      const value: Record<string, number> = { ...(await services.settings.rounds()) };
      for (const [key, text] of Object.entries(given)) if (text !== undefined) value[key] = Number(text);
      await services.settings.setRounds(cliActor, value);
      say("Rounds set.");
    });

  settings
    .command("sale-modes")
    .description("Whether packages may be sold by negotiated transfer: --negotiated-packages allow|forbid")
    .requiredOption("--negotiated-packages <allow|forbid>", "allow or forbid a negotiated transfer of a package")
    .action(async (options: { negotiatedPackages: string }) => {
      if (options.negotiatedPackages !== "allow" && options.negotiatedPackages !== "forbid") {
        throw new Error('--negotiated-packages takes "allow" or "forbid"');
      }
      const services = await open();
      await services.settings.setSaleModes(cliActor, { negotiatedPackages: options.negotiatedPackages === "allow" });
      say(`Negotiated transfers of packages ${options.negotiatedPackages === "allow" ? "allowed" : "forbidden"}.`);
    });

  settings
    .command("approval-tiers")
    .description("Set a seller's approval tiers, e.g. --tier 0:2:approver --tier 50000000:3:seller_admin")
    .requiredOption("--org <id-or-name>", "the seller organisation")
    .requiredOption("--tier <from:count:role>", "one tier; from in whole yuan", collect, [])
    .action(async (options: { org: string; tier: string[] }) => {
      const services = await open();
      const org = await deps.findOrganisation(services, options.org);
      const tiers = options.tier.map((spec) => {
        const [from, count, role] = spec.split(":");
        return { minValue: toMinor(from ?? ""), approvalsRequired: Number(count), role };
      });
      await services.settings.setApprovalTiers(cliActor, org.id, tiers);
      say(`Approval tiers of "${org.name}" set: ${tiers.length} tier(s).`);
    });
}
