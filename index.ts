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
export { ClusterStack } from "./stacks/cluster-stack";
export { bastionRoleName, clusterName, clusterStackId, inClusterStackId, nodeRoleName } from "./core/names";
export { InClusterStack } from "./stacks/in-cluster-stack";
export { addEnvironment } from "./stacks/environment";
export type { EnvironmentStacks } from "./stacks/environment";
export { PrivateEksStack } from "./stacks/private-eks-stack";
export { environmentSchema } from "./environment/schema/environment";
export type { EnvironmentConfig, EnvironmentInput } from "./environment/schema/environment";
export { ConfigError, environmentFiles, loadEnvironmentFile, loadEnvironments, parseEnvironment } from "./environment/load";
export type { LoadedEnvironment } from "./environment/load";
export { environmentJsonSchema } from "./environment/json-schema";
export { ValidationError } from "./core/problems";
export type { Problem } from "./core/problems";
