export * from "./private-cluster";
export * from "./node-group";
export * from "./addons";
export * from "./addon-rules";
export * from "./kubernetes-versions";
export * from "./cluster-rules";
export * from "./node-group-rules";
