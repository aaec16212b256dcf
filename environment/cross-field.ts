import { accessEntryListProblems } from "../modules/access/access-entry-rules";
import { AccessEntrySpec } from "../modules/access/access-entry";
import { duplicateNameProblems, nodeGroupProblems } from "../modules/cluster/node-group-rules";
import { duplicateServiceAccountProblems } from "../modules/pod-roles/pod-role-rules";
import { Problem } from "../core/problems";
import { nodeGroupSchema } from "./schema/node-groups";

/**
 * The rules that compare keys with each other — node group sizes and names, one access entry per
 * principal, one role per service account — on raw (unvalidated) data, wherever the keys they
 * compare are well-formed. zod runs a refinement only when everything inside its value is valid,
 * so without this a wrong type anywhere in a node group (or anywhere in the file, for duplicate
 * principals) hides these mistakes until the next run. Paths are from the file's top level.
 */
export function crossFieldProblems(data: unknown): Problem[] {
  if (!isMapping(data)) return [];
  return [...nodeGroupsProblems(data.nodeGroups), ...accessEntriesProblems(data.accessEntries), ...podRolesProblems(data.podRoles)];
}

const shape = nodeGroupSchema.shape;
const SIZING = ["minSize", "maxSize", "desiredSize"] as const;

function nodeGroupsProblems(groups: unknown): Problem[] {
  if (!Array.isArray(groups)) return [];
  const problems: Problem[] = [];
  const names: Array<string | undefined> = [];
  groups.forEach((group, i) => {
    names.push(isMapping(group) && typeof group.name === "string" ? group.name : undefined);
    if (!isMapping(group)) return;
    const sizing = SIZING.map((key) => shape[key].safeParse(group[key]));
    if (!sizing.every((r) => r.success)) return;
    const [minSize, maxSize, desiredSize] = sizing.map((r) => r.data) as [number, number, number | undefined];
    const sizeProblems = nodeGroupProblems({ name: "general", instanceTypes: [], minSize, maxSize, desiredSize });
    problems.push(...sizeProblems.map((p) => ({ ...p, path: ["nodeGroups", i, ...p.path] })));
  });
  problems.push(...withIndexes(names, (present) => duplicateNameProblems(present)).map((p) => ({ ...p, path: ["nodeGroups", ...p.path] })));
  return problems;
}

function accessEntriesProblems(entries: unknown): Problem[] {
  if (!Array.isArray(entries)) return [];
  // An entry without a string principalARN keeps its place (so indexes stay right) but matches nothing.
  const specs = entries.map(
    (e) => ({ principalARN: isMapping(e) && typeof e.principalARN === "string" ? e.principalARN : "" }) as AccessEntrySpec,
  );
  return accessEntryListProblems(specs).map((p) => ({ ...p, path: ["accessEntries", ...p.path] }));
}

function podRolesProblems(roles: unknown): Problem[] {
  if (!Array.isArray(roles)) return [];
  const keys = roles.map((r) =>
    isMapping(r) && typeof r.namespace === "string" && typeof r.serviceAccountName === "string"
      ? { namespace: r.namespace, serviceAccountName: r.serviceAccountName }
      : undefined,
  );
  return withIndexes(keys, (present) => duplicateServiceAccountProblems(present)).map((p) => ({ ...p, path: ["podRoles", ...p.path] }));
}

/**
 * Runs a list rule on the items that are present, then maps the indexes in its paths (and in its
 * messages' `[n]` references) back to the positions in the whole list.
 */
function withIndexes<T>(items: ReadonlyArray<T | undefined>, rule: (present: T[]) => Problem[]): Problem[] {
  const positions: number[] = [];
  const present: T[] = [];
  items.forEach((item, i) => {
    if (item === undefined) return;
    positions.push(i);
    present.push(item);
  });
  if (positions.every((p, i) => p === i)) return rule(present);
  return rule(present).map((p) => ({
    path: p.path.map((part, k) => (k === 0 && typeof part === "number" ? positions[part] : part)),
    message: p.message.replace(/\[(\d+)\]/g, (_, n: string) => `[${positions[Number(n)] ?? n}]`),
  }));
}

function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
