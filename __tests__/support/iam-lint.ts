import { expandAction, serviceResourceTypes } from "../../core/iam-actions";

export interface LintFinding {
  readonly statement: number;
  readonly message: string;
}

/** Whether two `*`-globs can match one common string. */
export function globsIntersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (i < a.length && a[i] === "*") r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === "*") r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else r = i < a.length && j < b.length && a[i] === b[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** `arn:${Partition}:logs:${Region}:...` → `arn:*:logs:*:...`. */
const templateGlob = (arn: string) => arn.replace(/\$\{[^}]+\}/g, "*");

/**
 * Lints one IAM policy document against AWS's service authorization data: every action exists,
 * and every resource ARN fits a resource type of each of its statement's actions. Resource ARNs
 * must be concrete (resolve Terraform references first). Key and trust policies name no resource
 * types of their own (`*` means the key, and trust statements have no Resource), so only their
 * actions are checked.
 */
export function lintPolicy(doc: { Statement: unknown }, kind: "identity" | "trust" | "key"): LintFinding[] {
  const findings: LintFinding[] = [];
  [doc.Statement].flat().forEach((raw, statement) => {
    const s = raw as { Action?: string | string[]; Resource?: string | string[] };
    const actions = [s.Action ?? []].flat();
    for (const action of actions) {
      const expanded = expandAction(action);
      if (!expanded.length) {
        findings.push({ statement, message: `${action} is not an action in AWS's service authorization data` });
        continue;
      }
      if (kind !== "identity") continue;
      const service = action.split(":")[0];
      const types = serviceResourceTypes(service) ?? {};
      for (const resource of [s.Resource ?? []].flat()) {
        if (resource === "*") continue;
        for (const a of expanded) {
          const fits = a.resourceTypes.some((t) => types[t.name] && globsIntersect(resource, templateGlob(types[t.name].arn)));
          if (!fits) {
            const expected = a.resourceTypes.map((t) => types[t.name]?.arn ?? t.name).join(" or ") || "* (it takes no resource ARN)";
            findings.push({ statement, message: `${service}:${a.name} does not act on ${resource}; it takes ${expected}` });
          }
        }
      }
    }
  });
  return findings;
}
