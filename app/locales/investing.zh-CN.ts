import type { InvestingMessages } from "./investing.en";

/** 中文: the same keys as investing.en.ts. */
const investingZh: InvestingMessages = {
  investing: {
    placeholder: "",
  },
};

export default investingZh;
