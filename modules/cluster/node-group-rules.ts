import { Problem } from "../../core/problems";

export type CapacityType = "ON_DEMAND" | "SPOT";
export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

const NODE_GROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
/**
 * EKS allows 63 characters; the group is named `<name>-` + the 26-character suffix Terraform adds
 * to a name prefix (so a replacement can exist beside the group it replaces): 63 - 26 - 1.
 */
export const NODE_GROUP_NAME_MAX = 36;
/** `family.size`, e.g. m6i.large, c7g.2xlarge, u-6tb1.metal. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Why `t` is not an EC2 instance type, or nothing (node groups and the bastion). */
export function instanceTypeProblem(t: string, example = "m6i.large"): string | undefined {
  return INSTANCE_TYPE.test(t)
    ? undefined
    : `${JSON.stringify(t)} is not an EC2 instance type; write family.size in lower case (example: ${example})`;
}

/** The IMDS hop limits EC2 accepts. */
export const HOP_LIMIT = { min: 1, max: 64 } as const;

/** Why `value` cannot be `httpPutResponseHopLimit`, or nothing. */
export function hopLimitProblem(value: number): string | undefined {
  if (Number.isInteger(value) && value >= HOP_LIMIT.min && value <= HOP_LIMIT.max) return undefined;
  return `${value} is out of range; use ${HOP_LIMIT.min} to ${HOP_LIMIT.max} (1 keeps pods from reading the node role's credentials)`;
}

/** The least node count of each size key: a group may scale to zero, but must allow one node. */
export const NODE_COUNT_MIN = { minSize: 0, maxSize: 1, desiredSize: 0 } as const;
export type NodeCountKey = keyof typeof NODE_COUNT_MIN;

/** Why `value` cannot be the node group's `key` (minSize, maxSize, desiredSize), or nothing. */
export function nodeCountProblem(key: NodeCountKey, value: number): string | undefined {
  const least = NODE_COUNT_MIN[key];
  if (Number.isInteger(value) && value >= least) return undefined;
  return `${value} is not a node count; use a whole number of ${least} or more${key === "maxSize" ? " (a group must allow at least one node)" : ""}`;
}

/** Root volume sizes in GiB: at least the node AMI's own volume, at most gp3's limit. */
export const DISK_SIZE_GIB = { min: 20, max: 16384 } as const;

/** Why `value` cannot be `diskSizeGiB`, or nothing. */
export function diskSizeProblem(value: number): string | undefined {
  if (Number.isInteger(value) && value >= DISK_SIZE_GIB.min && value <= DISK_SIZE_GIB.max) return undefined;
  return `${value} is not a root volume size; use a whole number of GiB from ${DISK_SIZE_GIB.min} (the node AMI's own volume) to ${DISK_SIZE_GIB.max} (gp3's limit)`;
}

export interface NodeGroupSizing {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize?: number;
  readonly diskSizeGiB?: number;
}

/** Problems with one node group (paths relative to the group). */
export function nodeGroupProblems(g: NodeGroupSizing): Problem[] {
  const problems: Problem[] = [];
  if (g.name.length > NODE_GROUP_NAME_MAX || !NODE_GROUP_NAME.test(g.name)) {
    problems.push({
      path: ["name"],
      message: `${JSON.stringify(g.name)} is not a valid node group name; use up to ${NODE_GROUP_NAME_MAX} letters, digits, "-" or "_" — EKS allows 63, less the 27 characters of the suffix that lets a replacement start beside the old group (example: general)`,
    });
  }
  g.instanceTypes.forEach((t, i) => {
    const problem = instanceTypeProblem(t);
    if (problem) problems.push({ path: ["instanceTypes", i], message: problem });
  });
  const counts = { minSize: g.minSize, maxSize: g.maxSize, desiredSize: g.desiredSize };
  let countsValid = true;
  for (const key of Object.keys(NODE_COUNT_MIN) as NodeCountKey[]) {
    const value = counts[key];
    const problem = value === undefined ? undefined : nodeCountProblem(key, value);
    if (problem) problems.push({ path: [key], message: problem });
    countsValid &&= problem === undefined;
  }
  const diskProblem = g.diskSizeGiB === undefined ? undefined : diskSizeProblem(g.diskSizeGiB);
  if (diskProblem) problems.push({ path: ["diskSizeGiB"], message: diskProblem });
  // Comparing counts that are not counts would only repeat the problems above.
  if (!countsValid) return problems;
  if (g.minSize > g.maxSize) {
    problems.push({
      path: ["minSize"],
      message: `${g.minSize} is greater than maxSize (${g.maxSize}); make minSize ≤ desiredSize ≤ maxSize`,
    });
  }
  if (g.desiredSize !== undefined && (g.desiredSize < g.minSize || g.desiredSize > g.maxSize)) {
    problems.push({
      path: ["desiredSize"],
      message: `${g.desiredSize} is outside minSize..maxSize (${g.minSize}..${g.maxSize}); make minSize ≤ desiredSize ≤ maxSize`,
    });
  }
  return problems;
}

/**
 * How many nodes EKS may take out of service at once while it rolls a group: a node count (1-100,
 * EKS's `maxUnavailable`) or a percentage of the group (`"1%"`-`"100%"`, `maxUnavailablePercentage`).
 */
export type MaxUnavailable = number | `${number}%`;

/** Problems with `maxUnavailable` (path relative to the option). */
export function maxUnavailableProblems(value: number | string): Problem[] {
  const fix = `use a number of nodes from 1 to 100, or a percentage of the group from "1%" to "100%" (example: 1, or "25%" for large groups)`;
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 1 && value <= 100 ? [] : [{ path: [], message: `${value} is out of range; ${fix}` }];
  }
  const m = /^(\d+)%$/.exec(value);
  if (!m) return [{ path: [], message: `${JSON.stringify(value)} is not a node count or a percentage; ${fix}` }];
  const percent = Number(m[1]);
  return percent >= 1 && percent <= 100 ? [] : [{ path: [], message: `${JSON.stringify(value)} is out of range; ${fix}` }];
}

/** `maxUnavailable` as the provider's `update_config`. */
export function updateConfigOf(value: MaxUnavailable): { maxUnavailable?: number; maxUnavailablePercentage?: number } {
  return typeof value === "number" ? { maxUnavailable: value } : { maxUnavailablePercentage: Number(value.slice(0, -1)) };
}

/** Node group names must be unique: they key the groups, so reordering the list replaces nothing. */
export function duplicateNameProblems(names: readonly string[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else
      problems.push({
        path: [i, "name"],
        message: `${JSON.stringify(name)} is already used by nodeGroups[${first}]; give every node group its own name`,
      });
  });
  return problems;
}

/** Graviton families (m7g, c6gn, t4g, r8gd, ...) need the ARM AMI. */
export function isArmInstanceType(instanceType: string): boolean {
  return /^[a-z]+\d+g[a-z]*\./.test(instanceType);
}

/** A node group and the name it had before a rename, if any. */
export interface RenamedGroup {
  readonly name: string;
  readonly renamedFrom?: string;
}

/**
 * `renamedFrom` names a group's previous name, so its Terraform addresses move to the new ones
 * (the rename then replaces the group create-before-destroy). The old name must be gone from the
 * list (else two groups claim one address), and one old group moves to one new group only.
 * Paths are relative to the list (`[i, "renamedFrom"]`).
 */
export function renamedFromProblems(groups: readonly RenamedGroup[]): Problem[] {
  const problems: Problem[] = [];
  const claimedBy = new Map<string, number>();
  groups.forEach((g, i) => {
    const from = g.renamedFrom;
    if (from === undefined) return;
    const path = [i, "renamedFrom"];
    if (!NODE_GROUP_NAME.test(from)) {
      problems.push({
        path,
        message: `${JSON.stringify(from)} is not a node group name; write the group's previous name, as it was in nodeGroups[].name (example: general)`,
      });
      return;
    }
    if (from === g.name) {
      problems.push({
        path,
        message: `${JSON.stringify(from)} is this group's own name; renamedFrom is the name the group had before, so remove it (nothing was renamed) or write the previous name`,
      });
      return;
    }
    const still = groups.findIndex((other) => other.name === from);
    if (still >= 0) {
      problems.push({
        path,
        message: `${JSON.stringify(from)} is still the name of nodeGroups[${still}]; a group can take over only a group that is gone: remove nodeGroups[${still}] to rename it, or remove renamedFrom to keep both groups`,
      });
      return;
    }
    const first = claimedBy.get(from);
    if (first !== undefined) {
      problems.push({
        path,
        message: `${JSON.stringify(from)} is already renamed to nodeGroups[${first}] (${groups[first].name}); an old group moves to one new group only: remove renamedFrom here (this group is then created new)`,
      });
      return;
    }
    claimedBy.set(from, i);
  });
  return problems;
}
