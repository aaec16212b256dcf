import type { Change } from "./changes";
import { EnvironmentFacts } from "./facts";
import { NodeGroupFacts } from "./infrastructure";
import { replacingChanges } from "./replacing-attributes";
import { versionStep, versionStepProblem } from "../../modules/cluster/kubernetes-versions";

type Add = (kind: Change["kind"], detail: string, blocking?: boolean) => void;

const show = (v: unknown) => (v === undefined ? "(none)" : Array.isArray(v) ? v.join(", ") : typeof v === "object" ? "(set)" : String(v));
const readableRef = (v: unknown) =>
  show(v)
    .replace(/\$\{aws_subnet\.[\w-]*?([\w]+-\d+)\.id\}/g, "$1")
    .replace(/\$\{([a-z0-9_]+)\.([\w-]+)\.[a-z_]+\}/g, "$1.$2");
const fromTo = (c: { attribute: { label: string }; before: unknown; after: unknown }) =>
  `${c.attribute.label} ${readableRef(c.before)} → ${readableRef(c.after)}`;

/** Changes to what the environment runs on: cluster replacement, VPC, node groups, bastion, protection. */
export function infrastructureChanges(b: EnvironmentFacts, h: EnvironmentFacts, add: Add): void {
  const bi = b.infrastructure;
  const hi = h.infrastructure;
  const isProtected = (facts: typeof bi, address: string) => facts.guarded.some((g) => g.address === address && g.protected);
  const clusterReplaced = replacingChanges("aws_eks_cluster", bi.clusterReplacing, hi.clusterReplacing);
  if (clusterReplaced.length && bi.clusterAddress) {
    const why = clusterReplaced.map(fromTo).join("; ");
    if (isProtected(hi, bi.clusterAddress)) {
      add(
        "protected-replaced",
        `\`${bi.clusterAddress}\` is protected (cluster.protect: prevent_destroy) and ${why} replaces it: terraform plan stops with "Instance cannot be destroyed". Revert the change, or build a new environment beside this one and move the workloads.`,
        true,
      );
    } else {
      add(
        "cluster-replaced",
        `${why} replaces the cluster (\`${bi.clusterAddress}\`): it and every workload on it are destroyed and created anew`,
        true,
      );
    }
  }
  for (const g of bi.guarded) {
    if (g.protected && !hi.guarded.some((x) => x.address === g.address)) {
      add(
        "protected-replaced",
        `\`${g.address}\` is protected (prevent_destroy) but its block is gone, and the protection with it: terraform destroys it. If it was renamed, add a moved block.`,
        true,
      );
    }
  }
  if (bi.guarded.some((g) => g.protected) && !hi.guarded.some((g) => g.protected)) {
    add("protect-off", "cluster.protect turned off: prevent_destroy no longer stops a plan that destroys the cluster or its KMS key");
  }
  versionChange(bi.version, hi.version, hi.nodeGroups, add);
  if (bi.vpcCidr !== hi.vpcCidr)
    add(
      "vpc-cidr",
      `VPC CIDR ${bi.vpcCidr ?? "(none)"} → ${hi.vpcCidr ?? "(none)"}: replaces the VPC, its subnets, and everything in them (the cluster included)`,
      true,
    );
  nodeGroupChanges(bi.nodeGroups, hi.nodeGroups, add);
  if (bi.bastion && !hi.bastion)
    add("bastion-removed", "bastion removed: with a private-only endpoint nothing outside the VPC reaches the Kubernetes API any more");
}

/**
 * `cluster.version`: one minor up is an in-place control-plane upgrade; anything EKS refuses (more
 * than one minor, a downgrade) is BLOCKING, in the one wording of kubernetes-versions.ts.
 */
function versionChange(from: string | undefined, to: string | undefined, nodeGroups: readonly NodeGroupFacts[], add: Add): void {
  if (from === to || from === undefined || to === undefined) return;
  const problem = versionStepProblem(from, to);
  if (problem) return add("cluster-version", problem, true);
  const rolled = nodeGroups.filter((g) => g.rolling.version === to).map((g) => g.name);
  const step = versionStep(from, to) === "one-minor" ? "one minor up" : "changed";
  add(
    "cluster-version",
    `Kubernetes ${from} → ${to}: ${step}; the control plane upgrades in place (no downtime for workloads)${rolled.length ? `, then node group${rolled.length === 1 ? "" : "s"} ${rolled.join(", ")} roll${rolled.length === 1 ? "s" : ""} to it` : ""}; it cannot be undone`,
  );
}

/** How Terraform replaces a node group, from its lifecycle. */
const replacement = (g: NodeGroupFacts) =>
  g.createBeforeDestroy
    ? "create-before-destroy — a new group is created, then the old one is drained and deleted"
    : "destroy-then-create — the old group is drained and deleted first, then the new one is created (its capacity is gone meanwhile)";

function nodeGroupChanges(base: readonly NodeGroupFacts[], head: readonly NodeGroupFacts[], add: Add): void {
  const baseByKey = new Map(base.map((g) => [g.key, g]));
  const headKeys = new Set(head.map((g) => g.key));
  const removed = base.filter((g) => !headKeys.has(g.key));
  const added: NodeGroupFacts[] = [];
  for (const g of head.filter((h) => !baseByKey.has(h.key))) {
    // renamedFrom: a moved block carries the old group's state to the new address.
    const old = g.movedFrom !== undefined ? removed.find((r) => r.key === g.movedFrom) : undefined;
    if (!old) {
      added.push(g);
      continue;
    }
    removed.splice(removed.indexOf(old), 1);
    add(
      "node-group-renamed",
      `node group ${old.name} renamed to ${g.name} (renamedFrom): the old group's addresses move to the new name, which replaces it ${replacement(g)}`,
    );
  }
  // A rename without renamedFrom: a removed group and an added one that differ only in name.
  const NAMED = { node_group_name: 0, node_group_name_prefix: 0, "launch_template.id": 0, "launch_template.name": 0 };
  const sameButName = (a: NodeGroupFacts, b: NodeGroupFacts) =>
    JSON.stringify({ ...a.replacing, ...NAMED }) === JSON.stringify({ ...b.replacing, ...NAMED }) && a.inPlace === b.inPlace;
  const takenBy = new Map<NodeGroupFacts, NodeGroupFacts>();
  for (const g of removed) {
    const twin = added.find((a) => sameButName(g, a) && ![...takenBy.values()].includes(a));
    if (twin) takenBy.set(g, twin);
  }
  for (const g of added)
    if (![...takenBy.values()].includes(g))
      add("node-group-added", `node group ${g.name} (${show(g.replacing.instance_types)}, ${show(g.replacing.capacity_type)})`);
  // A group deleted with nothing taking over its nodes: BLOCKING, with the fix.
  for (const g of removed) {
    const successor = takenBy.get(g) ?? (added.length === 1 && removed.length === 1 ? added[0] : undefined);
    if (successor) {
      add(
        "node-group-removed",
        `node group ${g.name} is deleted while ${successor.name} is created, with nothing ordering the delete after the create (capacity can drop to zero meanwhile): if ${successor.name} replaces it, add \`renamedFrom: ${g.name}\` to ${successor.name} to keep nodes serving during the rename`,
        true,
      );
    } else if (added.length) {
      add(
        "node-group-removed",
        `node group ${g.name} is deleted while ${added.map((a) => a.name).join(", ")} ${added.length === 1 ? "is" : "are"} created, in no set order: add \`renamedFrom: ${g.name}\` to the group that replaces it to keep nodes serving during the rename`,
        true,
      );
    } else {
      add(
        "node-group-removed",
        `removing node group ${g.name} takes its nodes away: they are drained and terminated, and pods must fit on the remaining groups`,
        true,
      );
    }
  }
  for (const h of head) {
    const b = baseByKey.get(h.key);
    if (!b) continue;
    const replaced = replacingChanges("aws_eks_node_group", b.replacing, h.replacing);
    if (replaced.length) {
      add("node-group-replaced", `node group ${h.name}: ${replaced.map(fromTo).join("; ")} replaces it: ${replacement(h)}`);
      continue;
    }
    const rolls = [
      b.rolling.version !== h.rolling.version ? `version ${show(b.rolling.version)} → ${show(h.rolling.version)}` : undefined,
      b.rolling.releaseVersion !== h.rolling.releaseVersion
        ? `AMI release ${show(b.rolling.releaseVersion)} → ${show(h.rolling.releaseVersion)}`
        : undefined,
      b.rolling.launchTemplate !== h.rolling.launchTemplate ? "launch template changed" : undefined,
    ].filter(Boolean);
    if (rolls.length)
      add(
        "node-group-rolled",
        `node group ${h.name}: ${rolls.join("; ")}: rolling update, maxUnavailable ${h.maxUnavailable ?? "1"} — nodes are replaced a few at a time`,
      );
    else if (b.inPlace !== h.inPlace)
      add("node-group-updated", `node group ${h.name}: scaling, labels, taints or update settings changed in place (no node replaced)`);
  }
}
