import type { PackagesMessages } from "../en/packages";

/** 资产包及其分层统计。 */
const packagesZh: PackagesMessages = {
  packages: {
    title: "资产包",
    intro: "作为一个标的出售的资产组合，按买方定价所需进行分层统计。",
    empty: "暂无资产包。导入贷款清单后，可将其中的贷款组成资产包。",
    caption_one: "{{count}} 个资产包，最新在前",
    caption_other: "{{count}} 个资产包，最新在前",
    colTitle: "资产包",
    colAssets: "资产数",
    colPrincipal: "本金",
    colCreated: "组包时间",
    build: {
      title: "将这些贷款组成资产包",
      name: "资产包名称",
      submit: "组成资产包",
    },
    draft: "以此资产包起草挂牌",
    back: "资产包",
    assets_one: "{{count}} 项资产",
    assets_other: "{{count}} 项资产",
    totals: {
      count: "贷款笔数",
      principal: "本金",
      interest: "利息",
      collateral: "抵押物评估值",
    },
    stratification: "分层统计",
    exportCsv: "导出（CSV）",
    exportXlsx: "导出（XLSX）",
    dimension: {
      classification: "五级分类",
      security: "担保方式",
      collateralType: "主要抵押物",
      litigationStatus: "诉讼阶段",
      province: "省份",
      city: "城市",
      industry: "行业",
      balance: "本金区间",
      vintage: "违约年份",
    },
    band: {
      under_1m: "100 万元以下",
      "1m_5m": "100 万至 500 万元",
      "5m_10m": "500 万至 1,000 万元",
      "10m_50m": "1,000 万至 5,000 万元",
      "50m_plus": "5,000 万元及以上",
    },
    unknown: "未提供",
    col: {
      group: "分组",
      count: "笔数",
      countShare: "笔数占比",
      principal: "本金",
      principalShare: "本金占比",
      interest: "利息",
      collateral: "抵押物",
    },
    chartLabel: "按{{dimension}}的本金占比",
    errors: {
      generic: "无法组成资产包。",
      VALIDATION_FAILED: "请检查资产包名称和资产。",
    },
  },
};

export default packagesZh;
