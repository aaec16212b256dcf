import { Problem } from "../../core/problems";
import { createsServiceAccount } from "../../modules/pod-roles/pod-role-rules";
import { keepsLegacyAwsAuth } from "../stack-ids";
import type { EnvironmentConfig } from "./environment";

/**
 * An environment with a `<name>-in-cluster` stack names the principal that deploys it
 * (`inCluster.deployRoleARN`): that stack writes through the Kubernetes API, which needs an access
 * entry, and since the bastion no longer gets one by default nothing else grants it.
 */
export function inClusterDeployRoleProblems(
  env: Pick<EnvironmentConfig, "name" | "cluster" | "legacyAwsAuth" | "podRoles" | "inCluster">,
): Problem[] {
  if (env.inCluster.deployRoleARN) return [];
  const why = [
    ...(keepsLegacyAwsAuth(env as EnvironmentConfig) ? ["legacyAwsAuth mappings"] : []),
    ...env.podRoles.flatMap((r, i) =>
      createsServiceAccount(r) ? [`podRoles[${i}]'s ServiceAccount ${r.namespace}/${r.serviceAccountName}`] : [],
    ),
  ];
  if (why.length === 0) return [];
  return [
    {
      path: ["inCluster", "deployRoleARN"],
      message:
        `is required: ${env.name}-in-cluster writes ${why.join(", ")} through the Kubernetes API, and the role that deploys it needs an access entry; ` +
        "name that role (example: arn:aws:iam::111122223333:role/github-deploy, deploy.yml's AWS_DEPLOY_ROLE_ARN)",
    },
  ];
}
