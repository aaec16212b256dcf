import { versionStepProblem } from "../../modules/cluster/kubernetes-versions";

export interface PlanFinding {
  readonly address: string;
  /** `update`: an in-place change EKS refuses (a Kubernetes version that skips a minor or goes down). */
  readonly action: "delete" | "replace" | "update";
  readonly blocking: boolean;
  readonly why?: string;
  /** The attributes that force the replacement, when Terraform says. */
  readonly replacePaths?: string[];
}

const ADMIN_POLICIES = /cluster-access-policy\/(AmazonEKSClusterAdminPolicy|AmazonEKSAdminPolicy)$/;

/**
 * Every delete and replace in `terraform show -json` output. Blocking: the cluster, a KMS key
 * (what it encrypted becomes unreadable), a node group deleted or replaced destroy-first (its nodes
 * go before new ones serve; a create-before-destroy replacement, the node groups' own lifecycle, is
 * reported but rolls), or the access entry of an admin. Also blocking: a cluster version change EKS
 * refuses (more than one minor up, or down).
 */
export function planFindings(plan: any): PlanFinding[] {
  const changes: any[] = plan.resource_changes ?? [];
  const adminPrincipals = new Set<string>();
  for (const c of changes) {
    if (c.type !== "aws_eks_access_policy_association") continue;
    for (const v of [c.change?.before, c.change?.after])
      if (v && ADMIN_POLICIES.test(v.policy_arn ?? "")) adminPrincipals.add(v.principal_arn);
  }
  for (const r of plan.prior_state?.values?.root_module?.resources ?? []) {
    if (r.type === "aws_eks_access_policy_association" && ADMIN_POLICIES.test(r.values?.policy_arn ?? ""))
      adminPrincipals.add(r.values.principal_arn);
  }
  const findings: PlanFinding[] = [];
  for (const c of changes) {
    const actions: string[] = c.change?.actions ?? [];
    const versionProblem = c.type === "aws_eks_cluster" && actions.includes("update") ? refusedVersion(c.change) : undefined;
    if (versionProblem)
      findings.push({ address: c.address, action: "update", blocking: true, why: versionProblem, replacePaths: ["version"] });
    if (!actions.includes("delete")) continue;
    const action = actions.includes("create") ? "replace" : "delete";
    const why = blockingReason(c, adminPrincipals);
    findings.push({
      address: c.address,
      action,
      blocking: why !== undefined,
      why: why ?? nonBlockingNote(c),
      replacePaths: c.change?.replace_paths?.map((p: unknown[]) => p.join(".")),
    });
  }
  return findings;
}

/** The version step EKS refuses, in the one wording of kubernetes-versions.ts; undefined when fine or unknown until apply. */
function refusedVersion(change: any): string | undefined {
  const from = change?.before?.version;
  const to = change?.after?.version;
  return typeof from === "string" && typeof to === "string" && from !== to ? versionStepProblem(from, to) : undefined;
}

/** Terraform's order for a create-before-destroy replacement: ["create", "delete"]. */
function createsFirst(c: any): boolean {
  const actions: string[] = c.change?.actions ?? [];
  return actions[0] === "create" && actions[1] === "delete";
}

function nonBlockingNote(c: any): string | undefined {
  if (c.type !== "aws_eks_node_group") return undefined;
  const moved = c.previous_address ? ` (moved from ${c.previous_address})` : "";
  return `replaced create-before-destroy${moved}: the new group's nodes join before the old group is drained`;
}

function blockingReason(c: any, adminPrincipals: Set<string>): string | undefined {
  switch (c.type) {
    case "aws_eks_cluster":
      return "the EKS cluster and every workload on it would be destroyed";
    case "aws_kms_key":
      return "a KMS key scheduled for deletion makes everything it encrypted unreadable";
    case "aws_eks_node_group":
      return createsFirst(c) ? undefined : "a node group's nodes would be drained and terminated before a replacement serves";
    case "aws_eks_access_entry":
      return adminPrincipals.has(c.change?.before?.principal_arn) ? "an administrator would lose access to the cluster" : undefined;
    default:
      return undefined;
  }
}
