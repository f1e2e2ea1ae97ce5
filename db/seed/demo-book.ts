import type { UserPrincipal } from "../../core/identity/access";
import type { Services } from "../../server/services";
import type { SeedClock } from "./demo-timeline";
import { photo, report, scenes } from "./demo-files";
import { generateLoanTape, tapeCsv } from "./loan-tape";

const DAY = 86_400_000;

/** The bank's 200-loan tape: the same loans on every load, across Zhejiang, Jiangsu and beyond. */
export const demoTape = { count: 200, seed: 20261204, prefix: "ECB", fileName: "eastbank-sme-retail-2026q4.csv" } as const;

/**
 * The bank's book as a seller builds it: its 200-loan tape uploaded and applied (the loans become
 * claims), the loans made into one package, and the package's data room filled: a cover photo for
 * everyone, the valuation summary for approved bidders, the loan files under NDA. Done at `at`, in
 * the past, as the bank's staff would have done it.
 */
export async function buildDemoBook(services: Services, clock: SeedClock, author: UserPrincipal, at: Date) {
  clock.at(at);
  const tape = await services.tapes.upload(author, { data: tapeCsv(generateLoanTape(demoTape)), fileName: demoTape.fileName });
  await services.tapes.settled();
  await services.tapes.apply(author, tape.id);
  const pkg = await services.packages.create(author, {
    title: "Eastern Commercial Bank 2026 Q4 SME and retail portfolio (200 loans)",
    description: "200 non-performing SME and retail loans across eight provinces, from the bank's 2026 Q4 loan tape.",
    tapeId: tape.id,
  });
  const room = { packageId: pkg.id };
  await services.dataRoom.upload(
    author,
    room,
    { title: "Hangzhou head office of the largest borrowers", tier: "public", cover: true },
    { data: photo(scenes.city), fileName: "portfolio-cover.png", contentType: "image/png" },
  );
  await services.dataRoom.upload(
    author,
    room,
    { title: "Valuation summary", tier: "registered" },
    {
      data: await report("Valuation summary: 2026 Q4 SME and retail portfolio", [
        "Recovery estimated loan by loan: secured parts from collateral appraisals dated within 24 months, guaranteed parts from the guarantors' assets, unsecured parts from a hypothetical liquidation of each borrower.",
        "Two valuers, neither of whom originated or managed the loans, signed the estimates. Full figures per loan are in the loan tape.",
      ]),
      fileName: "valuation-summary.pdf",
      contentType: "application/pdf",
    },
  );
  await services.dataRoom.upload(
    author,
    room,
    { title: "Loan files (contracts, guarantees, court papers)", tier: "nda" },
    {
      data: await report("Loan files: 2026 Q4 SME and retail portfolio", [
        "Loan contracts, mortgage and guarantee contracts, and the registration certificates of the collateral.",
        "Court papers: statements of claim, judgments and enforcement rulings, by case number.",
        "Correspondence with borrowers and guarantors, and the notices that kept each limitation period running.",
      ]),
      fileName: "loan-files.pdf",
      contentType: "application/pdf",
    },
  );
  clock.at(new Date(at.getTime() + DAY));
  return { packageId: pkg.id, tapeId: tape.id };
}

/** A cover photo in an asset's data room, the way a seller adds one. */
export async function coverPhoto(
  services: Services,
  author: UserPrincipal,
  assetId: string,
  title: string,
  scene: keyof typeof scenes,
) {
  await services.dataRoom.upload(
    author,
    { assetId },
    { title, tier: "public", cover: true },
    { data: photo(scenes[scene]), fileName: `${scene}.png`, contentType: "image/png" },
  );
}
