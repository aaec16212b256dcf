import { createHash } from "node:crypto";
import { StackJson } from "./load";
import { replacingValues } from "./replacing-attributes";

/** A managed node group as a reviewer weighs a change to it. */
export interface NodeGroupFacts {
  /** The Terraform name (stable key of the group). */
  readonly key: string;
  readonly name: string;
  /** Values of the attributes that replace the group when they change. */
  readonly replacing: Record<string, unknown>;
  /** What rolls the nodes in place when it changes: Kubernetes version, AMI release, launch template content. */
  readonly rolling: { readonly version?: string; readonly releaseVersion?: string; readonly launchTemplate?: string };
  /** Updated in place without touching nodes: scaling, labels, taints, update settings. */
  readonly inPlace: string;
  /**
   * `lifecycle.create_before_destroy`: a replacement creates the new group first (a `node_group_name_prefix`
   * makes that possible); without it Terraform deletes the old group first.
   */
  readonly createBeforeDestroy: boolean;
  /** `update_config`: how many nodes a rolling update takes down at once (`max_unavailable` or `max_unavailable_percentage`). */
  readonly maxUnavailable?: string;
  /** The key the group had before a rename (`renamedFrom`: a `moved` block from that address to this one). */
  readonly movedFrom?: string;
}

/** The infrastructure a change can replace, roll or remove. */
export interface InfrastructureFacts {
  readonly version?: string;
  readonly vpcCidr?: string;
  /** The cluster's replacing attributes (see replacing-attributes.ts). */
  readonly clusterReplacing: Record<string, unknown>;
  readonly clusterAddress?: string;
  readonly nodeGroups: NodeGroupFacts[];
  readonly bastion: boolean;
  /** The cluster, its KMS keys, and anything else with `lifecycle.prevent_destroy` (cluster.protect). */
  readonly guarded: Array<{ readonly address: string; readonly protected: boolean }>;
}

const withoutMetadata = (r: any) => {
  const { ["//"]: _metadata, depends_on: _dependsOn, ...rest } = r ?? {};
  return rest;
};
const digest = (v: unknown) => createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 12);
/** What cluster.protect protects: listed even when unprotected, to tell "protection turned off" from "block removed". */
const GUARDED_TYPES = new Set(["aws_eks_cluster", "aws_kms_key"]);
const CLUSTER_VERSION_REF = /^\$\{aws_eks_cluster\.[A-Za-z0-9_-]+\.version\}$/;
const LAUNCH_TEMPLATE_REF = /^\$\{aws_launch_template\.([A-Za-z0-9_-]+)\.id\}$/;

export function infrastructureFacts(stack?: StackJson): InfrastructureFacts {
  const resources = stack?.resource ?? {};
  const [clusterKey, cluster] = Object.entries(resources.aws_eks_cluster ?? {})[0] ?? [];
  const vpc: any = Object.values(resources.aws_vpc ?? {})[0];
  // moved blocks between node group addresses: renamedFrom (new key → old key).
  const movedFrom = new Map<string, string>();
  for (const m of (stack as { moved?: Array<{ from?: string; to?: string }> } | undefined)?.moved ?? []) {
    const from = /^aws_eks_node_group\.([A-Za-z0-9_-]+)$/.exec(m.from ?? "");
    const to = /^aws_eks_node_group\.([A-Za-z0-9_-]+)$/.exec(m.to ?? "");
    if (from && to) movedFrom.set(to[1], from[1]);
  }
  const nodeGroups = Object.entries(resources.aws_eks_node_group ?? {}).map(([key, g]: [string, any]): NodeGroupFacts => {
    const template = LAUNCH_TEMPLATE_REF.exec(String(g.launch_template?.id ?? ""));
    // lifecycle is how Terraform treats the group, not the group: changing it touches no node.
    const { launch_template: _lt, version: _v, release_version: _rv, lifecycle: _lc, ...rest } = withoutMetadata(g);
    const inPlace = Object.fromEntries(
      Object.entries(rest).filter(([k]) => !Object.keys(replacingValues("aws_eks_node_group", g)).includes(k)),
    );
    return {
      key,
      name: g.node_group_name ?? String(g.node_group_name_prefix ?? key).replace(/-$/, ""),
      replacing: replacingValues("aws_eks_node_group", g),
      rolling: {
        // A group that follows the cluster's version (`${aws_eks_cluster.x.version}`) rolls when the cluster's does.
        version: CLUSTER_VERSION_REF.test(String(g.version ?? "")) ? cluster?.version : g.version,
        releaseVersion: g.release_version,
        // Its content, not how Terraform handles it (lifecycle): only a new template version rolls the nodes.
        launchTemplate: template
          ? digest({ ...withoutMetadata(resources.aws_launch_template?.[template[1]]), lifecycle: undefined })
          : undefined,
      },
      inPlace: digest(inPlace),
      createBeforeDestroy: g.lifecycle?.create_before_destroy === true,
      maxUnavailable:
        g.update_config?.max_unavailable !== undefined
          ? String(g.update_config.max_unavailable)
          : g.update_config?.max_unavailable_percentage !== undefined
            ? `${g.update_config.max_unavailable_percentage}%`
            : undefined,
      ...(movedFrom.has(key) ? { movedFrom: movedFrom.get(key) } : {}),
    };
  });
  const guarded: Array<{ address: string; protected: boolean }> = [];
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, r] of Object.entries(byName)) {
      const isProtected = r?.lifecycle?.prevent_destroy === true;
      if (isProtected || GUARDED_TYPES.has(type)) guarded.push({ address: `${type}.${name}`, protected: isProtected });
    }
  }
  return {
    version: cluster?.version,
    vpcCidr: vpc?.cidr_block,
    clusterReplacing: cluster ? replacingValues("aws_eks_cluster", cluster) : {},
    clusterAddress: clusterKey ? `aws_eks_cluster.${clusterKey}` : undefined,
    nodeGroups,
    bastion: Object.values(resources.aws_instance ?? {}).some((i: any) => /\/bastion\/instance$/.test(i?.["//"]?.metadata?.path ?? "")),
    guarded: guarded.sort((a, b) => a.address.localeCompare(b.address)),
  };
}
