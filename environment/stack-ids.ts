import { clusterStackId, inClusterStackId } from "../core/names";
import { EnvironmentConfig } from "./schema/environment";
import { createsServiceAccount } from "../modules/pod-roles/pod-role-rules";

/** Whether aws-auth mappings are kept (migration mode with legacy mappings). */
export function keepsLegacyAwsAuth(config: EnvironmentConfig): boolean {
  const legacy = config.legacyAwsAuth;
  return config.cluster.authenticationMode === "API_AND_CONFIG_MAP" && !!legacy && legacy.mapRoles.length + legacy.mapUsers.length > 0;
}

/**
 * Whether `<name>-in-cluster` is needed: only for what must be written through the Kubernetes API
 * (aws-auth mappings kept while migrating, ServiceAccounts for pod roles). Everything else lives
 * in AWS APIs.
 */
export function needsInClusterStack(config: EnvironmentConfig): boolean {
  return keepsLegacyAwsAuth(config) || config.podRoles.some(createsServiceAccount);
}

/** The stacks an environment synthesizes, in deploy order. */
export function stackIds(config: EnvironmentConfig): string[] {
  return [clusterStackId(config.name), ...(needsInClusterStack(config) ? [inClusterStackId(config.name)] : [])];
}
