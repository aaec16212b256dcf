/**
 * The edits of the change-safety matrix, each a change to the base environment's YAML data, with
 * what the edit may destroy when that is documented as disruptive. Shared by the matrix
 * (change-safety.day2.test.ts) and the README table (scripts/change-table.js reads the results).
 */

type Input = Record<string, any>;

export interface Edit {
  /** The row's name in the README table. */
  readonly name: string;
  /** Which applied base it starts from. */
  readonly base: "three-zones" | "two-zones";
  /** Changes the base's YAML data in place. */
  readonly edit: (input: Input) => void;
  /**
   * Set when the edit is documented as disruptive: where it is documented, and the addresses it
   * may delete or replace destroy-first.
   */
  readonly disruptive?: { readonly documented: string; readonly allows: RegExp };
}

/**
 * The base environment: config/dev.yaml with `protect: false` (so a plan shows a replacement
 * instead of stopping at prevent_destroy), Kubernetes 1.34 (so +1 minor is an EKS version in
 * standard support), and its own two access entries (so the rows do not follow dev.yaml's).
 */
export function baseInput(dev: Input, base: Edit["base"]): Input {
  const input = JSON.parse(JSON.stringify(dev));
  input.cluster = { ...input.cluster, protect: false, version: "1.34" };
  input.network = { ...input.network, azCount: base === "two-zones" ? 2 : 3 };
  // The operators' admin role and a developer who reads in two namespaces (so the scope can narrow).
  input.accessEntries = [
    { principalARN: "arn:aws:iam::111122223333:role/eks-admins", accessPolicies: [{ policyARN: "AmazonEKSClusterAdminPolicy" }] },
    {
      principalARN: "arn:aws:iam::111122223333:user/kubernetes-developer",
      accessPolicies: [{ policyARN: "AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: ["app", "web"] } }],
    },
  ];
  return input;
}

const group = (input: Input) => input.nodeGroups[0];
const developer = (input: Input) => input.accessEntries[1].accessPolicies[0];

export const EDITS: Edit[] = [
  { name: "no edit (control)", base: "three-zones", edit: () => {} },
  { name: "node group instanceTypes", base: "three-zones", edit: (i) => (group(i).instanceTypes = ["m6i.xlarge"]) },
  { name: "node group capacityType", base: "three-zones", edit: (i) => (group(i).capacityType = "SPOT") },
  { name: "node group diskSizeGiB", base: "three-zones", edit: (i) => (group(i).diskSizeGiB = 100) },
  { name: "node group labels", base: "three-zones", edit: (i) => (group(i).labels = { workload: "general" }) },
  {
    name: "node group taints",
    base: "three-zones",
    edit: (i) => (group(i).taints = [{ key: "dedicated", value: "general", effect: "NO_SCHEDULE" }]),
  },
  {
    name: "node group minSize/maxSize",
    base: "three-zones",
    edit: (i) => Object.assign(group(i), { minSize: 3, maxSize: 6, desiredSize: 3 }),
  },
  // README ("Node groups roll, never drop"): renaming with renamedFrom creates the new group before the old one is deleted.
  {
    name: "node group renamed",
    base: "three-zones",
    edit: (i) => Object.assign(group(i), { name: "general-v2", renamedFrom: group(i).name }),
  },
  {
    name: "node group renamed without renamedFrom",
    base: "three-zones",
    edit: (i) => (group(i).name = "general-v2"),
    disruptive: {
      documented:
        "without `renamedFrom` a rename deletes the old group and creates the new one in no set order; the review blocks it (README, Node groups roll, never drop)",
      allows: /^aws_eks_node_group\.cluster_general_node-group$/,
    },
  },
  {
    name: "node group added",
    base: "three-zones",
    edit: (i) => i.nodeGroups.push({ name: "batch", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2 }),
  },
  { name: "cluster.version +1 minor", base: "three-zones", edit: (i) => (i.cluster.version = "1.35") },
  { name: "cluster.logTypes", base: "three-zones", edit: (i) => (i.cluster.logTypes = ["api", "audit", "authenticator"]) },
  { name: "cluster.logRetentionDays", base: "three-zones", edit: (i) => (i.cluster.logRetentionDays = 90) },
  {
    name: "network.azCount 3 → 2",
    base: "three-zones",
    edit: (i) => (i.network.azCount = 2),
    disruptive: {
      documented: "lowering azCount removes the last zone's subnets, route table and NAT gateway (README, Subnet layouts)",
      allows:
        /^aws_(subnet|route_table|route_table_association|route|nat_gateway|eip)\.network_(private|public|nat|private-routes)-?(ip-)?2\b/,
    },
  },
  { name: "network.azCount 2 → 3", base: "two-zones", edit: (i) => (i.network.azCount = 3) },
  { name: "network.egress nat → none", base: "three-zones", edit: (i) => (i.network.egress = "none") },
  { name: "network.singleNatGateway true → false", base: "three-zones", edit: (i) => (i.network.singleNatGateway = false) },
  {
    name: "bastion disabled",
    base: "three-zones",
    edit: (i) => (i.bastion.enabled = false),
    disruptive: {
      documented: "`bastion.enabled: false` removes the bastion and its role (README, Security defaults)",
      allows: /^aws_[a-z_]+\.(bastion_|cluster_access_bastion)/,
    },
  },
  { name: "bastion instanceType", base: "three-zones", edit: (i) => (i.bastion.instanceType = "t3.small") },
  { name: "tags", base: "three-zones", edit: (i) => (i.tags = { ...i.tags, CostCenter: "platform" }) },
  {
    name: "access entry added",
    base: "three-zones",
    edit: (i) =>
      i.accessEntries.push({
        principalARN: "arn:aws:iam::111122223333:role/platform-team",
        accessPolicies: [{ policyARN: "AmazonEKSAdminPolicy" }],
      }),
  },
  {
    name: "access entry removed",
    base: "three-zones",
    edit: (i) => i.accessEntries.splice(1, 1),
    disruptive: {
      documented: "removing an entry revokes that principal's access (README, What each edit does)",
      allows: /^aws_eks_access_(entry|policy_association)\.cluster_access_user-kubernetes-developer/,
    },
  },
  {
    name: "access scope narrowed",
    base: "three-zones",
    edit: (i) => (developer(i).accessScope = { type: "namespace", namespaces: ["app"] }),
    disruptive: {
      documented: "a scope change replaces the policy association: that policy is missing for a moment (README, What each edit does)",
      allows: /^aws_eks_access_policy_association\./,
    },
  },
  {
    name: "access scope widened",
    base: "three-zones",
    edit: (i) => (developer(i).accessScope = { type: "cluster" }),
    disruptive: {
      documented: "a scope change replaces the policy association: that policy is missing for a moment (README, What each edit does)",
      allows: /^aws_eks_access_policy_association\./,
    },
  },
];

/** Resource types an edit must never destroy before their replacement exists, unless documented (subnets: those in use). */
export const PROTECTED_TYPES = ["aws_eks_node_group", "aws_eks_cluster", "aws_kms_key", "aws_subnet"];

/** Subnets in use: referenced by the cluster, a node group or an instance (the bastion) of the stack. */
export function subnetsInUse(stack: { resource?: Record<string, Record<string, unknown>> }): Set<string> {
  const out = new Set<string>();
  for (const type of ["aws_eks_cluster", "aws_eks_node_group", "aws_instance"]) {
    for (const body of Object.values(stack.resource?.[type] ?? {})) {
      for (const m of JSON.stringify(body).matchAll(/aws_subnet\.([A-Za-z0-9_-]+)/g)) out.add(`aws_subnet.${m[1]}`);
    }
  }
  return out;
}

/** Why a row's planned changes break the promise (empty when they keep it); `inUse`: the base's subnets in use. */
export function violations(edit: Edit, changes: Record<string, string>, inUse: Set<string>): string[] {
  const out: string[] = [];
  if (!edit.disruptive && edit.name.startsWith("no edit") && Object.keys(changes).length) {
    out.push(
      `the control plan is not empty: ${Object.entries(changes)
        .map(([a, c]) => `${a} ${c}`)
        .join(", ")}`,
    );
  }
  for (const [address, cls] of Object.entries(changes)) {
    if (cls !== "destroy-before-create" && cls !== "delete") continue;
    if (!PROTECTED_TYPES.includes(address.split(".")[0])) continue;
    if (address.startsWith("aws_subnet.") && !inUse.has(address)) continue;
    if (edit.disruptive?.allows.test(address)) continue;
    const type = address.split(".")[0];
    const created = Object.keys(changes).filter((a) => a.startsWith(`${type}.`) && changes[a] === "create");
    if (cls === "delete" && created.length) {
      // A new address beside a deleted one: nothing orders the delete after the create.
      out.push(
        `${address} is deleted while ${created.join(", ")} is created, with nothing ordering the delete after the create (a new address is not a create-before-destroy replacement)`,
      );
    } else {
      out.push(`${address} ${cls === "delete" ? "is deleted" : "is destroyed before its replacement exists (destroy-before-create)"}`);
    }
  }
  return out;
}
