import { count } from "drizzle-orm";
import type { Db } from "../client";
import { approvalTiers, organisations } from "../schema";
import { createServices, type ServiceDeps, type Services } from "../../server/services";
import { makeAsset, makeOrganisation, makePackage, makeUser } from "./factories";
import { listDemo, type DemoOptions } from "./demo-listings";
import { seedClock, type SeedClock } from "./demo-timeline";

/** Money in the demo is written in yuan and stored in fen (minor units). */
const yuan = (amount: number) => BigInt(Math.round(amount)) * 100n;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const demoAccounts = {
  password: "nplex-demo-2026",
  users: [
    { role: "operator", email: "operator@nplex.example" },
    { role: "seller", email: "seller@eastbank.example" },
    { role: "approver", email: "approver@eastbank.example" },
    { role: "approver", email: "approver2@eastbank.example" },
    { role: "seller", email: "seller@huaxin-amc.example" },
    { role: "approver", email: "approver@huaxin-amc.example" },
    { role: "approver", email: "approver2@huaxin-amc.example" },
    { role: "investor", email: "investor@harbour.example" },
    { role: "investor", email: "investor@jaderiver.example" },
    { role: "investor", email: "liming@investor.example" },
  ],
} as const;

type Party = { role: "borrower" | "guarantor"; kind: "person" | "company"; name: string; idNumber: string };
const borrower = (name: string, idNumber: string, kind: Party["kind"] = "company"): Party => ({
  role: "borrower",
  kind,
  name,
  idNumber,
});
const guarantor = (name: string, idNumber: string, kind: Party["kind"] = "person"): Party => ({
  role: "guarantor",
  kind,
  name,
  idNumber,
});

/**
 * The demo's borrowers and guarantors: personal data that only masked may ever reach the public.
 * Exported so that tests can prove none of it leaks.
 */
export const demoParties = {
  textile: [
    borrower("Hangzhou Xinyuan Textile Co., Ltd.", "91330109MA2B7Q4X1J"),
    guarantor("Zhang Weiguo", "330109196805121237"),
    guarantor("Hangzhou Xinyuan Holdings Co., Ltd.", "91330109MA2B1H8P38", "company"),
  ],
  logistics: [
    borrower("Ningbo Haitong Logistics Co., Ltd.", "91330206MA28X2KT5E"),
    guarantor("Lin Haitong", "330206197511034411"),
  ],
  restaurant: [
    borrower("Wenzhou Jiahe Catering Management Co., Ltd.", "91330302MA2AR9WB0N"),
    guarantor("Chen Jiahe", "330302198203157721"),
  ],
  portfolio: [
    [borrower("Shaoxing Meida Printing & Dyeing Co., Ltd.", "91330602MA29F6JE21"), guarantor("Xu Minghua", "33060219700112013X")],
    [borrower("Jinhua Kaisheng Hardware Co., Ltd.", "91330702MA2D44QN7N"), guarantor("Zhao Lifen", "33070219750228332X")],
    [borrower("Taizhou Ruifeng Auto Parts Co., Ltd.", "91331002MA2G0LTC9J"), guarantor("Qian Jianguo", "331002196811094512")],
    [borrower("Huzhou Anji Bamboo Products Co., Ltd.", "91330523MA2B9UHM16"), guarantor("孙亚萍", "330523198107216624")],
  ],
  steel: [
    borrower("Foshan Hongda Steel Structure Engineering Co., Ltd.", "91440606MA4W3UJ877"),
    guarantor("He Dazhong", "440606197009083311"),
    guarantor("Foshan Hongda Group Co., Ltd.", "91440606MA4UPX5N23", "company"),
  ],
  office: [borrower("Shenzhen Qianhai Zhongxin Trading Co., Ltd.", "91440300MA5F2RTK8B")],
  villa: [borrower("梁志强", "440113197804225514", "person")],
  excavators: [borrower("Suzhou Tianyu Construction Machinery Leasing Co., Ltd.", "91320505MA1X7K2G4X")],
  equity: [borrower("Zhuhai Lanhai Marine Technology Co., Ltd.", "91440400MA4X1CCW6C")],
  electronics: [borrower("Dongguan Huicheng Electronics Co., Ltd.", "91441900MA4UK2PD6F")],
  warehouse: [borrower("Foshan Lecong Cold Chain Logistics Co., Ltd.", "91440606MA52C1RX35")],
  autoParts: [
    borrower("Changzhou Ruifeng Auto Parts Co., Ltd.", "91320412MA1W8E5N32"),
    guarantor("Zhou Lihua", "320402197109083323"),
  ],
  dyeing: [borrower("Shaoxing Keqiao Huamei Dyeing Co., Ltd.", "91330621MA2D4H8P76")],
  garments: [
    borrower("Hangzhou Xinyi Garments Import & Export Co., Ltd.", "91330104MA2H3KQ7X8"),
    guarantor("Lou Xinyi", "330104197903164524"),
  ],
  plastics: [
    borrower("Ningbo Beilun Huatai Plastics Co., Ltd.", "91330206MA2J8PL4RA"),
    guarantor("王建华", "330206198107226635"),
  ],
  textileMachinery: [
    borrower("Wuxi Huishan Textile Machinery Co., Ltd.", "91320206MA1Y5TC3DR"),
    guarantor("Gu Minghui", "320206197609051218"),
  ],
  packaging: [
    borrower("Jiaxing Hengfeng Packaging Co., Ltd.", "91330402MA2CU7LM5E"),
    guarantor("Feng Hengda", "330402197304186653"),
  ],
} satisfies Record<string, Party[] | Party[][]>;

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return (row?.n ?? 0) === 0;
}

/** Loads the demo marketplace in one transaction: a failure leaves the database empty. */
export async function loadDemo(deps: ServiceDeps, options: DemoOptions = {}) {
  const clock = seedClock(deps.clock);
  await deps.database.db.transaction(async (tx) => {
    await seedDemo(createServices({ ...deps, clock, database: { ...deps.database, db: tx } }), clock, options);
  });
}

export async function seedDemo(services: Services, clock: SeedClock, options: DemoOptions = {}) {
  const now = services.clock.now().getTime();
  const password = demoAccounts.password;

  const platform = await makeOrganisation(services, {
    name: "nplex Operations",
    nameZh: "nplex 平台运营",
    kind: "platform",
    region: "Shanghai",
  });
  const bank = await makeOrganisation(services, {
    name: "Eastern Commercial Bank",
    nameZh: "华东商业银行",
    kind: "bank",
    region: "Zhejiang",
  });
  const amc = await makeOrganisation(services, {
    name: "Huaxin Asset Management",
    nameZh: "华信资产管理",
    kind: "amc",
    region: "Guangdong",
  });
  const harbour = await makeOrganisation(services, {
    name: "Harbour Capital Partners",
    nameZh: "港湾资本",
    kind: "fund",
    region: "Hong Kong",
  });
  const jade = await makeOrganisation(services, {
    name: "Jade River Investment",
    nameZh: "玉川投资",
    kind: "fund",
    region: "Jiangsu",
  });
  const liMing = await makeOrganisation(services, { name: "Li Ming", nameZh: "李明", kind: "individual", region: "Shanghai" });
  const newcomer = await makeOrganisation(services, {
    name: "Northstar Special Situations",
    nameZh: "北辰特殊机会",
    kind: "fund",
    region: "Beijing",
    approved: false,
  });

  const operatorUser = await makeUser(services, {
    email: "operator@nplex.example",
    password,
    displayName: "Olivia Operator",
    organisationId: platform.id,
    roles: ["operator"],
  });
  const sellerUser = await makeUser(services, {
    email: "seller@eastbank.example",
    password,
    displayName: "Chen Jing",
    organisationId: bank.id,
    roles: ["seller_admin"],
  });
  const bankApprover = await makeUser(services, {
    email: "approver@eastbank.example",
    password,
    displayName: "Wang Lei",
    organisationId: bank.id,
    roles: ["approver"],
  });
  const bankApprover2 = await makeUser(services, {
    email: "approver2@eastbank.example",
    password,
    displayName: "Sun Li",
    organisationId: bank.id,
    roles: ["approver"],
  });
  // The bank's credit committee: every listing needs two approvers (集体审议).
  await services.db
    .insert(approvalTiers)
    .values({ organisationId: bank.id, minValue: 0n, approvalsRequired: 2, role: "approver" });
  const amcSeller = await makeUser(services, {
    email: "seller@huaxin-amc.example",
    password,
    displayName: "Zhou Min",
    organisationId: amc.id,
    roles: ["seller_admin"],
  });
  // The AMC's review committee: two approvers, as its value tiers ask above ¥10M.
  const amcApprover = await makeUser(services, {
    email: "approver@huaxin-amc.example",
    password,
    displayName: "Lin Feng",
    organisationId: amc.id,
    roles: ["approver"],
  });
  const amcApprover2 = await makeUser(services, {
    email: "approver2@huaxin-amc.example",
    password,
    displayName: "Gao Yan",
    organisationId: amc.id,
    roles: ["approver"],
  });
  const harbourUser = await makeUser(services, {
    email: "investor@harbour.example",
    password,
    displayName: "Hannah Lau",
    organisationId: harbour.id,
    roles: ["investor"],
  });
  const jadeUser = await makeUser(services, {
    email: "investor@jaderiver.example",
    password,
    displayName: "Jiang Tao",
    organisationId: jade.id,
    roles: ["investor"],
  });
  const liUser = await makeUser(services, {
    email: "liming@investor.example",
    password,
    displayName: "Li Ming",
    organisationId: liMing.id,
    roles: ["investor"],
  });
  await makeUser(services, {
    email: "analyst@northstar.example",
    password,
    displayName: "Nora Stark",
    organisationId: newcomer.id,
    roles: ["investor"],
  });

  const claim = (input: {
    seller: string;
    title: string;
    region: string;
    principal: number;
    interest: number;
    classification: "substandard" | "doubtful" | "loss";
    security: "unsecured" | "collateral" | "guaranteed";
    litigation: "none" | "in_litigation" | "judgment_obtained" | "in_enforcement" | "enforcement_terminated";
    description: string;
    parties: Party[];
  }) =>
    makeAsset(services, {
      sellerOrgId: input.seller,
      kind: "claim",
      title: input.title,
      description: input.description,
      region: input.region,
      principal: yuan(input.principal),
      accruedInterest: yuan(input.interest),
      fees: 0n,
      appraisedValue: yuan((input.principal + input.interest) * (input.security === "unsecured" ? 0.18 : 0.46)),
      classification: input.classification,
      security: input.security,
      litigationStatus: input.litigation,
      limitationExpiresOn: new Date(now + 400 * DAY).toISOString().slice(0, 10),
      parties: input.parties,
    });

  const textile = await claim({
    seller: bank.id,
    title: "Secured claim on a Hangzhou textile manufacturer",
    region: "Zhejiang · Hangzhou",
    principal: 18_650_000,
    interest: 2_314_500,
    classification: "doubtful",
    security: "collateral",
    litigation: "judgment_obtained",
    description:
      "Working-capital loan secured by a first mortgage over a 12,400 m² factory and land-use right in Xiaoshan. Judgment obtained in 2025; enforcement not yet applied for.",
    parties: demoParties.textile,
  });
  const logistics = await claim({
    seller: bank.id,
    title: "Guaranteed claim on a Ningbo logistics company",
    region: "Zhejiang · Ningbo",
    principal: 6_200_000,
    interest: 688_000,
    classification: "substandard",
    security: "guaranteed",
    litigation: "in_litigation",
    description:
      "Fleet financing, guaranteed by the founder and a regional guarantee company. Suit filed at Ningbo Beilun court.",
    parties: demoParties.logistics,
  });
  const restaurant = await claim({
    seller: bank.id,
    title: "Unsecured claim on a Wenzhou restaurant chain",
    region: "Zhejiang · Wenzhou",
    principal: 1_150_000,
    interest: 206_300,
    classification: "loss",
    security: "unsecured",
    litigation: "enforcement_terminated",
    description:
      "Credit loan to a restaurant chain closed in 2024. Enforcement terminated for lack of assets; limitation clock preserved by public notice.",
    parties: demoParties.restaurant,
  });
  const packageClaims = [];
  // One after another: they share the seed's transaction.
  for (const [i, [title, region, principal, interest]] of [
    ["Claim on a Shaoxing printing and dyeing works", "Zhejiang · Shaoxing", 4_820_000, 512_000],
    ["Claim on a Jinhua hardware maker", "Zhejiang · Jinhua", 2_960_000, 318_400],
    ["Claim on a Taizhou auto-parts supplier", "Zhejiang · Taizhou", 7_340_000, 902_100],
    ["Claim on an Anji bamboo-products company", "Zhejiang · Huzhou", 1_780_000, 166_250],
  ].entries()) {
    packageClaims.push(
      await claim({
        seller: bank.id,
        title: title as string,
        region: region as string,
        principal: principal as number,
        interest: interest as number,
        classification: i % 2 ? "doubtful" : "substandard",
        security: i === 2 ? "collateral" : "guaranteed",
        litigation: i === 0 ? "in_enforcement" : "none",
        description: "SME working-capital loan; part of the bank's Q4 2026 SME portfolio.",
        parties: demoParties.portfolio[i]!,
      }),
    );
  }
  const steel = await claim({
    seller: amc.id,
    title: "Secured claim on a Foshan steel-structure contractor",
    region: "Guangdong · Foshan",
    principal: 42_500_000,
    interest: 5_870_000,
    classification: "doubtful",
    security: "collateral",
    litigation: "in_enforcement",
    description:
      "Syndicated loan acquired by Huaxin AMC in 2025; secured on plant, equipment and two land-use rights in Shunde. Enforcement in progress.",
    parties: demoParties.steel,
  });
  const shenzhenFlat = await makeAsset(services, {
    sellerOrgId: amc.id,
    kind: "real_estate",
    title: "Foreclosed office floor, Futian CBD, Shenzhen",
    description:
      "Whole 23rd floor (1,480 m²) of a grade-B office tower, taken in settlement of debt in 2024. Vacant, clear title, property tax paid.",
    region: "Guangdong · Shenzhen",
    appraisedValue: yuan(61_800_000),
    parties: demoParties.office,
  });
  const villa = await makeAsset(services, {
    sellerOrgId: amc.id,
    kind: "foreclosed",
    title: "Villa in Panyu, Guangzhou (foreclosed)",
    description:
      "Detached villa, 386 m² with garden, foreclosed under a mortgage in 2025. Occupied; vacant possession not guaranteed.",
    region: "Guangdong · Guangzhou",
    appraisedValue: yuan(9_450_000),
    parties: demoParties.villa,
  });
  const excavators = await makeAsset(services, {
    sellerOrgId: bank.id,
    kind: "movable",
    title: "Six excavators and two cranes, Suzhou depot",
    description: "Construction machinery repossessed from a leasing default; 2019–2021 models, inspected October 2026.",
    region: "Jiangsu · Suzhou",
    appraisedValue: yuan(3_120_000),
    parties: demoParties.excavators,
  });
  const equity = await makeAsset(services, {
    sellerOrgId: amc.id,
    kind: "equity",
    title: "35% equity in a Zhuhai marine-technology company",
    description: "Equity received in a debt-to-equity swap; the company builds aquaculture equipment and was profitable in 2025.",
    region: "Guangdong · Zhuhai",
    appraisedValue: yuan(14_200_000),
    parties: demoParties.equity,
  });

  const productionLines = await makeAsset(services, {
    sellerOrgId: amc.id,
    kind: "foreclosed",
    title: "Production lines of a Dongguan electronics maker",
    description: "Three SMT lines and test benches taken in settlement of debt in 2025; stored in a bonded warehouse.",
    region: "Guangdong · Dongguan",
    appraisedValue: yuan(4_860_000),
    parties: demoParties.electronics,
  });
  const warehouse = await makeAsset(services, {
    sellerOrgId: amc.id,
    kind: "foreclosed",
    title: "Cold-storage warehouse in Shunde, Foshan (foreclosed)",
    description: "A 6,200 m² cold store with its land-use right, taken in settlement of debt in 2025. Vacant.",
    region: "Guangdong · Foshan",
    appraisedValue: yuan(5_200_000),
    parties: demoParties.warehouse,
  });

  // Not yet listed: the bank's next listing starts from here.
  await claim({
    seller: bank.id,
    title: "Unsecured claim on a Jiaxing packaging maker",
    region: "Zhejiang · Jiaxing",
    principal: 3_860_000,
    interest: 412_300,
    classification: "loss",
    security: "guaranteed",
    litigation: "in_litigation",
    description: "Working-capital loan in default since 2024; guaranteed by the founder.",
    parties: demoParties.packaging,
  });

  const portfolio = await makePackage(services, {
    sellerOrgId: bank.id,
    title: "Eastern Commercial Bank Q4 2026 SME portfolio (4 claims)",
    description: "Four SME claims in Zhejiang, total principal ¥16.9M, sold as one lot.",
    assetIds: packageClaims.map((a) => a.id),
  });

  const autoParts = await claim({
    seller: amc.id,
    title: "Secured claim on a Changzhou auto-parts maker",
    region: "Jiangsu · Changzhou",
    principal: 8_200_000,
    interest: 640_000,
    classification: "doubtful",
    security: "collateral",
    litigation: "judgment_obtained",
    description: "Bought by the AMC from a bank after an investor committed a floor; secured on the factory's land-use right.",
    parties: demoParties.autoParts,
  });
  const dyeing = await claim({
    seller: bank.id,
    title: "Secured claim on a Shaoxing dyeing works",
    region: "Zhejiang · Shaoxing",
    principal: 5_600_000,
    interest: 380_000,
    classification: "loss",
    security: "collateral",
    litigation: "in_enforcement",
    description: "Second-ranking mortgage over the works; the first-ranking pledgee is the only realistic buyer.",
    parties: demoParties.dyeing,
  });

  // Sold in the last weeks, each at another step of its closing (db/seed/demo-closing.ts).
  const garments = await claim({
    seller: bank.id,
    title: "Guaranteed claim on a Hangzhou garment exporter",
    region: "Zhejiang · Hangzhou",
    principal: 2_900_000,
    interest: 236_000,
    classification: "doubtful",
    security: "guaranteed",
    litigation: "judgment_obtained",
    description: "Export-finance loan in default since 2025; guaranteed by the founder; judgment obtained.",
    parties: demoParties.garments,
  });
  const plastics = await claim({
    seller: bank.id,
    title: "Unsecured claim on a Ningbo plastics maker",
    region: "Zhejiang · Ningbo",
    principal: 1_600_000,
    interest: 121_000,
    classification: "loss",
    security: "unsecured",
    litigation: "in_litigation",
    description: "Working-capital loan; the founder's personal guarantee is the main source of recovery.",
    parties: demoParties.plastics,
  });
  const textileMachinery = await claim({
    seller: amc.id,
    title: "Secured claim on a Wuxi textile-machinery maker",
    region: "Jiangsu · Wuxi",
    principal: 4_400_000,
    interest: 352_000,
    classification: "doubtful",
    security: "collateral",
    litigation: "in_enforcement",
    description: "Secured on the maker's workshop; enforcement under way.",
    parties: demoParties.textileMachinery,
  });

  const principal = (id: string) => services.identity.principalOfUser(id);
  const operator = await principal(operatorUser.id);
  await listDemo(
    services,
    clock,
    {
      bank: {
        id: bank.id,
        people: {
          author: await principal(sellerUser.id),
          approvers: [await principal(bankApprover.id), await principal(bankApprover2.id)],
          operator,
        },
      },
      amc: {
        id: amc.id,
        people: {
          author: await principal(amcSeller.id),
          approvers: [await principal(amcApprover.id), await principal(amcApprover2.id)],
          operator,
        },
      },
      harbour: { org: harbour, user: await principal(harbourUser.id) },
      jade: { org: jade, user: await principal(jadeUser.id) },
      liMing: { org: liMing, user: await principal(liUser.id) },
    },
    {
      textile: textile.id,
      steel: steel.id,
      portfolio: portfolio.id,
      shenzhenFlat: shenzhenFlat.id,
      equity: equity.id,
      logistics: logistics.id,
      excavators: excavators.id,
      villa: villa.id,
      productionLines: productionLines.id,
      autoParts: autoParts.id,
      dyeing: dyeing.id,
      restaurant: restaurant.id,
      warehouse: warehouse.id,
      garments: garments.id,
      plastics: plastics.id,
      textileMachinery: textileMachinery.id,
    },
    options,
  );
}
