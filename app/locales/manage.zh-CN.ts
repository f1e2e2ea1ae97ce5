import type { ManageMessages } from "./manage.en";

/** 中文: the same keys as manage.en.ts. */
const manageZh: ManageMessages = {
  manage: {
    placeholder: "",
  },
};

export default manageZh;
