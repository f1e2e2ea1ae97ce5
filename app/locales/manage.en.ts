/** English messages for the manage pages; spread into en.ts. */
const manageEn = {
  manage: {
    placeholder: "",
  },
};

export default manageEn;

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type ManageMessages = Messages<typeof manageEn>;
