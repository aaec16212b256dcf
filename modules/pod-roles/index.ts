export * from "./pod-roles";
export * from "./pod-role-rules";
export * from "./service-accounts";
export * from "./trust-policies";
