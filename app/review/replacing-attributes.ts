/**
 * The attributes whose change makes Terraform replace a resource: `ForceNew` (or a `CustomizeDiff`
 * that forces new) in the provider this package pins, hashicorp/aws 5.100.0 — read from
 * `internal/service/eks/cluster.go` and `internal/service/eks/node_group.go`. This is the one list
 * the review (and anything else that predicts replacements) uses; check it again when the provider
 * is upgraded.
 */
export interface ReplacingAttribute {
  /** Path in the synthesized JSON (nested blocks are objects there; a list's first item is taken). */
  readonly path: string;
  /** What a reviewer calls it. */
  readonly label: string;
  /**
   * Only this kind of change replaces: `removed` for `encryption_config`, which the provider
   * force-news only when it goes from one block to none (envelope encryption cannot be turned off).
   * @default - any change
   */
  readonly only?: "removed";
}

export const REPLACING_ATTRIBUTES: Readonly<Record<"aws_eks_cluster" | "aws_eks_node_group", readonly ReplacingAttribute[]>> = {
  aws_eks_cluster: [
    { path: "name", label: "cluster name" },
    { path: "role_arn", label: "cluster IAM role" },
    { path: "access_config.bootstrap_cluster_creator_admin_permissions", label: "bootstrap cluster creator admin permissions" },
    { path: "bootstrap_self_managed_addons", label: "bootstrap self-managed add-ons" },
    { path: "kubernetes_network_config.service_ipv4_cidr", label: "service CIDR" },
    { path: "kubernetes_network_config.ip_family", label: "IP family" },
    { path: "encryption_config", label: "secrets encryption", only: "removed" },
    { path: "outpost_config.control_plane_instance_type", label: "Outposts control plane instance type" },
    { path: "remote_network_config", label: "hybrid nodes remote network" },
  ],
  aws_eks_node_group: [
    { path: "node_group_name", label: "name" },
    { path: "node_group_name_prefix", label: "name prefix" },
    { path: "cluster_name", label: "cluster" },
    { path: "node_role_arn", label: "node role" },
    { path: "instance_types", label: "instance types" },
    { path: "capacity_type", label: "capacity type" },
    { path: "ami_type", label: "AMI type" },
    { path: "disk_size", label: "disk size" },
    { path: "subnet_ids", label: "subnets" },
    { path: "remote_access", label: "remote access" },
    { path: "launch_template.id", label: "launch template" },
    { path: "launch_template.name", label: "launch template" },
  ],
};

/** Sets in the provider schema (order does not matter when comparing). */
const SETS = new Set(["subnet_ids", "remote_network_config"]);

export function valueAt(resource: unknown, path: string): unknown {
  let v: any = resource;
  for (const part of path.split(".")) {
    if (Array.isArray(v)) v = v[0];
    v = v?.[part];
  }
  return v;
}

/** The replacing attributes' values in one synthesized resource, minus what `lifecycle.ignore_changes` makes Terraform ignore. */
export function replacingValues(type: keyof typeof REPLACING_ATTRIBUTES, resource: any): Record<string, unknown> {
  const ignored: string[] = (resource?.lifecycle?.ignore_changes ?? []).map((p: string) => p.replace(/\[\d+\]/g, ""));
  const out: Record<string, unknown> = {};
  for (const { path } of REPLACING_ATTRIBUTES[type]) {
    const v = valueAt(resource, path);
    if (v !== undefined && !ignored.includes(path)) out[path] = SETS.has(path) && Array.isArray(v) ? [...v].sort() : v;
  }
  return out;
}

/** The replacing attributes that differ between two versions of one resource (values from replacingValues). */
export function replacingChanges(
  type: keyof typeof REPLACING_ATTRIBUTES,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Array<{ attribute: ReplacingAttribute; before: unknown; after: unknown }> {
  const out: Array<{ attribute: ReplacingAttribute; before: unknown; after: unknown }> = [];
  for (const attribute of REPLACING_ATTRIBUTES[type]) {
    const b = before[attribute.path];
    const a = after[attribute.path];
    if (JSON.stringify(b ?? null) === JSON.stringify(a ?? null)) continue;
    if (attribute.only === "removed" && !(b !== undefined && a === undefined)) continue;
    out.push({ attribute, before: b, after: a });
  }
  return out;
}
