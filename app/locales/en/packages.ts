import type { Messages } from "../messages";

/** English messages for packages and their stratification. */
const packagesEn = {
  packages: {
    title: "Packages",
    intro: "Portfolios sold as one lot, stratified as buyers price them.",
    empty: "No packages yet. Apply a loan tape, then build a package of its loans.",
    caption_one: "{{count}} package, newest first",
    caption_other: "{{count}} packages, newest first",
    colTitle: "Package",
    colAssets: "Assets",
    colPrincipal: "Principal",
    colCreated: "Built",
    build: {
      title: "Build a package of these loans",
      name: "Package title",
      submit: "Build the package",
    },
    draft: "Draft a listing of this package",
    back: "Packages",
    assets_one: "{{count}} asset",
    assets_other: "{{count}} assets",
    totals: {
      count: "Loans",
      principal: "Principal",
      interest: "Interest",
      collateral: "Appraised collateral",
    },
    stratification: "Stratification",
    exportCsv: "Export (CSV)",
    exportXlsx: "Export (XLSX)",
    dimension: {
      classification: "Five-level classification",
      security: "Security",
      collateralType: "Main collateral",
      litigationStatus: "Litigation stage",
      province: "Province",
      city: "City",
      industry: "Industry",
      balance: "Principal band",
      vintage: "Year of default",
    },
    band: {
      under_1m: "Under ¥1m",
      "1m_5m": "¥1m to ¥5m",
      "5m_10m": "¥5m to ¥10m",
      "10m_50m": "¥10m to ¥50m",
      "50m_plus": "¥50m and above",
    },
    unknown: "Not given",
    col: {
      group: "Group",
      count: "Loans",
      countShare: "Share of loans",
      principal: "Principal",
      principalShare: "Share of principal",
      interest: "Interest",
      collateral: "Collateral",
    },
    chartLabel: "Share of principal by {{dimension}}",
    errors: {
      generic: "The package could not be built.",
      VALIDATION_FAILED: "Check the package's title and assets.",
    },
  },
};

export default packagesEn;
export type PackagesMessages = Messages<typeof packagesEn>;
