export * from "./network";
export * from "./flow-logs";
export * from "./vpc-endpoints";
export * from "./subnet-plan";
