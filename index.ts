/**
 * cdktf-private-eks as a library: the constructs, their props, the stacks, and the config schema
 * and loader. Provider classes stay deep-imported inside; nothing here loads the provider root.
 */
export * from "./modules/network";
export * from "./modules/cluster";
export * from "./modules/bastion";
export * from "./modules/access";
export * from "./modules/pod-roles";
export { AwsContext } from "./modules/shared/aws-context";
export { EncryptionKey } from "./modules/shared/encryption-key";
export type { EncryptionKeyProps } from "./modules/shared/encryption-key";
export { policyDocument } from "./modules/shared/policy-document";
export type { PolicyStatement } from "./modules/shared/policy-document";
export { ServiceRole } from "./modules/shared/service-role";
export type { ServiceRoleProps } from "./modules/shared/service-role";
export { ClusterStack, clusterName } from "./stacks/cluster-stack";
export { InClusterStack } from "./stacks/in-cluster-stack";
export { addEnvironment } from "./stacks/environment";
export type { EnvironmentStacks } from "./stacks/environment";
export { PrivateEksStack } from "./stacks/private-eks-stack";
export { environmentSchema } from "./lib/config/schema/environment";
export type { EnvironmentConfig, EnvironmentInput } from "./lib/config/schema/environment";
export { ConfigError, environmentFiles, loadEnvironmentFile, loadEnvironments, parseEnvironment } from "./lib/config/load";
export type { LoadedEnvironment } from "./lib/config/load";
export { environmentJsonSchema } from "./lib/config/json-schema";
export { ValidationError } from "./lib/problems";
export type { Problem } from "./lib/problems";
