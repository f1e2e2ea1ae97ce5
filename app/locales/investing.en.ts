/** English messages for the investing pages; spread into en.ts. */
const investingEn = {
  investing: {
    placeholder: "",
  },
};

export default investingEn;

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type InvestingMessages = Messages<typeof investingEn>;
