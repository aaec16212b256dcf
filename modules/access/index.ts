export * from "./access-entries";
export * from "./access-entry";
export * from "./access-entry-rules";
export * from "./access-policies";
export * from "./principal-arn";
