import { Problem } from "../../lib/problems";

export type CapacityType = "ON_DEMAND" | "SPOT";
export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

const NODE_GROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
/** `family.size`, e.g. m6i.large, c7g.2xlarge, u-6tb1.metal. */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

export interface NodeGroupSizing {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize?: number;
}

/** Problems with one node group (paths relative to the group). */
export function nodeGroupProblems(g: NodeGroupSizing): Problem[] {
  const problems: Problem[] = [];
  if (g.name.length > 63 || !NODE_GROUP_NAME.test(g.name)) {
    problems.push({ path: ["name"], message: `${JSON.stringify(g.name)} is not a valid node group name; use up to 63 letters, digits, "-" or "_" (example: general)` });
  }
  g.instanceTypes.forEach((t, i) => {
    if (!INSTANCE_TYPE.test(t)) {
      problems.push({ path: ["instanceTypes", i], message: `${JSON.stringify(t)} is not an EC2 instance type; write family.size in lower case (example: m6i.large)` });
    }
  });
  if (g.minSize > g.maxSize) {
    problems.push({ path: ["minSize"], message: `${g.minSize} is greater than maxSize (${g.maxSize}); make minSize ≤ desiredSize ≤ maxSize` });
  }
  if (g.desiredSize !== undefined && (g.desiredSize < g.minSize || g.desiredSize > g.maxSize)) {
    problems.push({
      path: ["desiredSize"],
      message: `${g.desiredSize} is outside minSize..maxSize (${g.minSize}..${g.maxSize}); make minSize ≤ desiredSize ≤ maxSize`,
    });
  }
  return problems;
}

/** Node group names must be unique: they key the groups, so reordering the list replaces nothing. */
export function duplicateNameProblems(names: readonly string[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else problems.push({ path: [i, "name"], message: `${JSON.stringify(name)} is already used by nodeGroups[${first}]; give every node group its own name` });
  });
  return problems;
}

/** Graviton families (m7g, c6gn, t4g, r8gd, ...) need the ARM AMI. */
export function isArmInstanceType(instanceType: string): boolean {
  return /^[a-z]+\d+g[a-z]*\./.test(instanceType);
}
