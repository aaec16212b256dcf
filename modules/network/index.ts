export * from "./network";
export * from "./flow-logs";
export * from "./vpc-endpoints";
export * from "./subnet-plan";
export * from "./zones";
export * from "./egress-order";
export * from "./layout-guard";
