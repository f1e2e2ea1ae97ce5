export * from "./identity";
export * from "./assets";
export * from "./tapes";
export * from "./listings";
export * from "./auction";
export * from "./audit";
export * from "./documents";
export * from "./payments";
