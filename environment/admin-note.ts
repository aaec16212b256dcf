import { AccessPolicies, accessPolicyName } from "../modules/access/access-policies";
import { NO_ACCESS_POLICY } from "./schema/bastion";
import { EnvironmentConfig } from "./schema/environment";

/** Access policies that can administer a cluster (at cluster scope). */
const ADMIN_POLICIES = new Set<string>([AccessPolicies.CLUSTER_ADMIN, AccessPolicies.ADMIN]);

/**
 * `<key path>: <note>` when no principal can administer the cluster: no access entry with an admin
 * policy at cluster scope or with Kubernetes groups (bound by RBAC of your own), no kept aws-auth
 * mapping to system:masters, and a bastion without a policy (the default). Not an error — the
 * cluster works, its workloads run — but nobody could change it through the Kubernetes API.
 */
export function noAdministratorNote(config: EnvironmentConfig): string | undefined {
  const isAdmin = (policy: string, scope: string = "cluster") => scope === "cluster" && ADMIN_POLICIES.has(accessPolicyName(policy) ?? "");
  if (
    config.accessEntries.some((e) => e.kubernetesGroups?.length || e.accessPolicies?.some((p) => isAdmin(p.policyARN, p.accessScope?.type)))
  )
    return undefined;
  if (config.bastion.enabled && config.bastion.accessPolicy !== NO_ACCESS_POLICY && isAdmin(config.bastion.accessPolicy)) return undefined;
  const legacy = config.cluster.authenticationMode === "API_AND_CONFIG_MAP" ? config.legacyAwsAuth : undefined;
  if (legacy && [...legacy.mapRoles, ...legacy.mapUsers].some((m) => m.groups?.includes("system:masters"))) return undefined;
  return (
    "no principal can administer this cluster: no access entry has AmazonEKSClusterAdminPolicy (or kubernetesGroups), and the bastion's role has no access policy " +
    "(bastion.accessPolicy defaults to none: the tunnel needs none); give your operators' role an entry, e.g. " +
    '- { principalARN: arn:aws:iam::<account>:role/<operators>, accessPolicies: [{ policyARN: AmazonEKSClusterAdminPolicy }] } (README "Cluster access: access entries")'
  );
}
