export * from "./accounts";
export * from "./audit";
export * from "./credit";
export * from "./inspection";
export * from "./jobs";
export * from "./letters";
export * from "./registration";
export * from "./registry";
