export * from "./private-cluster";
export * from "./node-group";
export * from "./addons";
export * from "./cluster-rules";
export * from "./node-group-rules";
