export interface PlanFinding {
  readonly address: string;
  readonly action: "delete" | "replace";
  readonly blocking: boolean;
  readonly why?: string;
  /** The attributes that force the replacement, when Terraform says. */
  readonly replacePaths?: string[];
}

const ADMIN_POLICIES = /cluster-access-policy\/(AmazonEKSClusterAdminPolicy|AmazonEKSAdminPolicy)$/;

/**
 * Every delete and replace in `terraform show -json` output. Blocking: the cluster, a KMS key
 * (what it encrypted becomes unreadable), a node group, or the access entry of an admin.
 */
export function planFindings(plan: any): PlanFinding[] {
  const changes: any[] = plan.resource_changes ?? [];
  const adminPrincipals = new Set<string>();
  for (const c of changes) {
    if (c.type !== "aws_eks_access_policy_association") continue;
    for (const v of [c.change?.before, c.change?.after]) if (v && ADMIN_POLICIES.test(v.policy_arn ?? "")) adminPrincipals.add(v.principal_arn);
  }
  for (const r of plan.prior_state?.values?.root_module?.resources ?? []) {
    if (r.type === "aws_eks_access_policy_association" && ADMIN_POLICIES.test(r.values?.policy_arn ?? "")) adminPrincipals.add(r.values.principal_arn);
  }
  const findings: PlanFinding[] = [];
  for (const c of changes) {
    const actions: string[] = c.change?.actions ?? [];
    if (!actions.includes("delete")) continue;
    const action = actions.includes("create") ? "replace" : "delete";
    const why = blockingReason(c, adminPrincipals);
    findings.push({
      address: c.address,
      action,
      blocking: why !== undefined,
      why,
      replacePaths: c.change?.replace_paths?.map((p: unknown[]) => p.join(".")),
    });
  }
  return findings;
}

function blockingReason(c: any, adminPrincipals: Set<string>): string | undefined {
  switch (c.type) {
    case "aws_eks_cluster":
      return "the EKS cluster and every workload on it would be destroyed";
    case "aws_kms_key":
      return "a KMS key scheduled for deletion makes everything it encrypted unreadable";
    case "aws_eks_node_group":
      return "a node group's nodes would be drained and terminated";
    case "aws_eks_access_entry":
      return adminPrincipals.has(c.change?.before?.principal_arn) ? "an administrator would lose access to the cluster" : undefined;
    default:
      return undefined;
  }
}
