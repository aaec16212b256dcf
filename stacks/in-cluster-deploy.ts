import { EnvironmentConfig } from "../environment/schema/environment";
import { AccessPolicies } from "../modules/access/access-policies";
import { createsServiceAccount } from "../modules/pod-roles/pod-role-rules";
import { keepsLegacyAwsAuth, needsInClusterStack } from "../environment/stack-ids";

/** The access policy of the in-cluster stack's deploy role. */
export const IN_CLUSTER_DEPLOY_POLICY = AccessPolicies.EDIT;

/**
 * The access entry of the principal that deploys `<name>-in-cluster` (`inCluster.deployRoleARN`),
 * or nothing when the environment has no such stack. What the stack writes is namespaced: the
 * aws-auth ConfigMap in kube-system (while migrating) and ServiceAccounts in the pod roles'
 * namespaces. AmazonEKSEditPolicy (Kubernetes `edit`: configmaps and serviceaccounts, no RBAC, no
 * cluster-scoped objects) scoped to exactly those namespaces is the least published policy that
 * can write both; AmazonEKSClusterAdminPolicy is not needed, as the stack creates no namespace,
 * role or binding. Note that write access to aws-auth is admin in effect while it is honoured
 * (API_AND_CONFIG_MAP): the entry goes away with the last mapping.
 */
export function inClusterDeployGrant(config: EnvironmentConfig): { principalARN: string; namespaces: string[] } | undefined {
  const principalARN = config.inCluster.deployRoleARN;
  if (!principalARN || !needsInClusterStack(config)) return undefined;
  const namespaces = new Set<string>();
  if (keepsLegacyAwsAuth(config)) namespaces.add("kube-system");
  for (const role of config.podRoles) if (createsServiceAccount(role)) namespaces.add(role.namespace);
  return { principalARN, namespaces: [...namespaces].sort() };
}
