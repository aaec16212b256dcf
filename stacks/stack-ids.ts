import { EnvironmentConfig } from "../lib/config/schema/environment";

/**
 * Whether `<name>-in-cluster` is needed: only for what must be written through the Kubernetes API
 * (aws-auth mappings kept while migrating). Everything else lives in AWS APIs.
 */
export function needsInClusterStack(config: EnvironmentConfig): boolean {
  const legacy = config.legacyAwsAuth;
  return config.cluster.authenticationMode === "API_AND_CONFIG_MAP" && !!legacy && legacy.mapRoles.length + legacy.mapUsers.length > 0;
}

/** The stacks an environment synthesizes, in deploy order. */
export function stackIds(config: EnvironmentConfig): string[] {
  return [`${config.name}-cluster`, ...(needsInClusterStack(config) ? [`${config.name}-in-cluster`] : [])];
}
