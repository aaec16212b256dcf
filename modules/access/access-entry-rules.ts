import { bastionRoleName, nodeRoleName } from "../../core/names";
import { Problem } from "../../core/problems";
import { AccessPolicies, accessPolicyName, accessPolicyProblems } from "./access-policies";
import { ACCESS_ENTRY_TYPES, AccessEntrySpec } from "./access-entry";
import { parsePrincipalArn, principalArnProblems, principalKey } from "./principal-arn";

/**
 * Why `arn` cannot be the principal of a node-type entry (every type but STANDARD), or nothing.
 * EKS `CreateAccessEntry`: for these types "the only valid ARN is IAM roles".
 */
export function nodeTypePrincipalProblem(type: string, arn: string): string | undefined {
  const p = parsePrincipalArn(arn);
  if (type === "STANDARD" || !(ACCESS_ENTRY_TYPES as readonly string[]).includes(type) || p?.kind !== "user") return undefined;
  return `${arn} is an IAM user, and type ${type} takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:${p.partition}:iam::${p.account}:role/<node-role>), or type STANDARD for a person`;
}

const RESERVED_USERNAME_PREFIXES = ["system:", "eks:", "aws:", "amazon:", "iam:"];
const SESSION_TEMPLATE = /\{\{SessionName(Raw)?\}\}/;

/** Why a Kubernetes username would be refused by EKS, with a valid suggestion; or nothing. */
export function usernameProblem(username: string): string | undefined {
  const reserved = RESERVED_USERNAME_PREFIXES.find((p) => username.startsWith(p));
  if (reserved) {
    const suggestion = username.slice(reserved.length) || "admin";
    return `${JSON.stringify(username)} starts with the reserved prefix ${JSON.stringify(reserved)}; use another name (e.g. ${JSON.stringify(suggestion)}) or leave kubernetesUsername out so EKS generates one`;
  }
  const template = SESSION_TEMPLATE.exec(username);
  if (template && !username.slice(0, template.index).includes(":")) {
    const prefix = username.slice(0, template.index).replace(/[^A-Za-z0-9]+$/, "") || "user";
    return `${JSON.stringify(username)}: ${template[0]} needs a ":" somewhere before it; write ${JSON.stringify(`${prefix}:${username.slice(template.index)}`)}`;
  }
  return undefined;
}

/** Why a Kubernetes group would be refused by EKS, or nothing. */
export function groupProblem(group: string): string | undefined {
  if (group.startsWith("system:")) {
    return group === "system:masters"
      ? `system:masters cannot be granted through access entries; use accessPolicies: [{policyARN: AmazonEKSClusterAdminPolicy, accessScope: {type: cluster}}] instead`
      : `${JSON.stringify(group)} starts with "system:", which EKS refuses; bind your own group name with RBAC instead`;
  }
  return group.length === 0 ? "must not be empty" : undefined;
}

/** Every problem with one access entry (paths relative to the entry). */
export function accessEntryProblems(entry: AccessEntrySpec): Problem[] {
  const problems: Problem[] = principalArnProblems(entry.principalARN).map((p) => ({ path: ["principalARN"], message: p.message }));
  const type = entry.type ?? "STANDARD";
  if (!(ACCESS_ENTRY_TYPES as readonly string[]).includes(type)) {
    const upper = type.toUpperCase();
    const hint = (ACCESS_ENTRY_TYPES as readonly string[]).includes(upper)
      ? `write ${upper} (types are case-sensitive)`
      : `use one of ${ACCESS_ENTRY_TYPES.join(", ")}`;
    problems.push({ path: ["type"], message: `${JSON.stringify(type)} is not an access entry type; ${hint}` });
  }
  const policies = entry.accessPolicies ?? [];
  const nodePrincipal = nodeTypePrincipalProblem(type, entry.principalARN);
  if (nodePrincipal) problems.push({ path: ["principalARN"], message: nodePrincipal });
  if (type !== "STANDARD") {
    if (entry.kubernetesGroups?.length)
      problems.push({
        path: ["kubernetesGroups"],
        message: `type ${type} takes no kubernetesGroups (EKS sets them for nodes); remove them, or use type STANDARD`,
      });
    if (entry.kubernetesUsername !== undefined)
      problems.push({
        path: ["kubernetesUsername"],
        message: `type ${type} takes no kubernetesUsername (EKS sets it for nodes); remove it, or use type STANDARD`,
      });
    policies.forEach((p, i) => {
      const autoNodeOnEc2 = type === "EC2" && accessPolicyName(p.policyARN) === AccessPolicies.AUTO_NODE;
      if (!autoNodeOnEc2) {
        problems.push({
          path: ["accessPolicies", i, "policyARN"],
          message: `type ${type} cannot have access policies${type === "EC2" ? ` except ${AccessPolicies.AUTO_NODE}` : ""}; use type STANDARD`,
        });
      }
    });
  }
  entry.kubernetesGroups?.forEach((group, i) => {
    const problem = groupProblem(group);
    if (problem) problems.push({ path: ["kubernetesGroups", i], message: problem });
  });
  if (entry.kubernetesUsername !== undefined && type === "STANDARD") {
    const problem = usernameProblem(entry.kubernetesUsername);
    if (problem) problems.push({ path: ["kubernetesUsername"], message: problem });
  }
  const seen = new Map<string, number>();
  policies.forEach((p, i) => {
    const policyProblems = accessPolicyProblems(p.policyARN);
    policyProblems.forEach((pp) => problems.push({ path: ["accessPolicies", i, "policyARN"], message: pp.message }));
    const name = accessPolicyName(p.policyARN);
    if (name !== undefined) {
      const first = seen.get(name);
      if (first !== undefined)
        problems.push({ path: ["accessPolicies", i, "policyARN"], message: duplicatePolicyMessage(name, `accessPolicies[${first}]`) });
      else seen.set(name, i);
    }
    problems.push(
      ...scopeProblems(p.accessScope ?? { type: "cluster" }).map((sp) => ({
        path: ["accessPolicies", i, "accessScope", ...sp.path],
        message: sp.message,
      })),
    );
  });
  return problems;
}

/**
 * An access policy given twice to one entry: `first` says where it was given first, in one list
 * (`accessPolicies[0]`) or by an earlier grant to the same principal (`AccessEntries.grant`).
 */
export function duplicatePolicyMessage(name: string, first: string): string {
  return `${name} is already associated by ${first}; give each policy once and list every namespace in its accessScope`;
}

/** Problems with an access scope (paths relative to the scope). */
export function scopeProblems(scope: { type: string; namespaces?: readonly string[] }): Problem[] {
  if (scope.type === "cluster") {
    return scope.namespaces?.length
      ? [{ path: ["namespaces"], message: "a cluster scope takes no namespaces; remove them, or use type: namespace" }]
      : [];
  }
  if (scope.type === "namespace") {
    if (!scope.namespaces?.length)
      return [
        { path: ["namespaces"], message: 'a namespace scope needs at least one namespace (example: [app, "dev-*"]); or use type: cluster' },
      ];
    return scope.namespaces.flatMap((ns, i) =>
      /^[a-z0-9*]([-a-z0-9*]{0,61}[a-z0-9*])?$/.test(ns)
        ? []
        : [
            {
              path: ["namespaces", i],
              message: `${JSON.stringify(ns)} is not a namespace name; use lower-case letters, digits and "-", with "*" as a wildcard (example: dev-*)`,
            },
          ],
    );
  }
  return [{ path: ["type"], message: `${JSON.stringify(scope.type)} is not a scope type; use cluster or namespace` }];
}

/**
 * The roles a cluster's stack creates and grants itself, by name → why no access entry may name
 * them: the managed node groups' role (EKS creates its entry when the first group joins) and,
 * with `bastion`, the bastion's role (its access is `bastion.accessPolicy`).
 */
export function reservedRoles(cluster: string, options: { readonly bastion?: boolean } = {}): ReadonlyMap<string, string> {
  const fix = "do not give it an access entry of its own";
  const reserved = new Map([
    [
      nodeRoleName(cluster),
      `${nodeRoleName(cluster)} is the managed node groups' role: EKS creates its access entry itself (a duplicate fails with ResourceInUseException); ${fix}`,
    ],
  ]);
  if (options.bastion)
    reserved.set(
      bastionRoleName(cluster),
      `${bastionRoleName(cluster)} is the bastion's role: it is granted by bastion.accessPolicy; ${fix}`,
    );
  return reserved;
}

/** Why `principalARN` is one of the `reserved` roles (see `reservedRoles`), or nothing. */
export function reservedRoleProblem(principalARN: string, reserved: ReadonlyMap<string, string>): string | undefined {
  const principal = parsePrincipalArn(principalARN);
  return principal?.kind === "role" ? reserved.get(principal.name) : undefined;
}

/**
 * Problems across entries (paths relative to the list): one entry per principal, and no entry for
 * principals the stack grants itself (`reserved`: see `reservedRoles`).
 */
export function accessEntryListProblems(entries: readonly AccessEntrySpec[], reserved: ReadonlyMap<string, string> = new Map()): Problem[] {
  const problems: Problem[] = [];
  const byArn = new Map<string, number>();
  const byKey = new Map<string, number>();
  entries.forEach((entry, i) => {
    const principal = parsePrincipalArn(entry.principalARN);
    if (!principal) return;
    const firstArn = byArn.get(entry.principalARN);
    if (firstArn !== undefined) {
      problems.push({
        path: [i, "principalARN"],
        message: `${entry.principalARN} already has an entry at accessEntries[${firstArn}]; merge the two (one entry per principal, many accessPolicies)`,
      });
      return;
    }
    byArn.set(entry.principalARN, i);
    const key = principalKey(principal);
    const firstKey = byKey.get(key);
    if (firstKey !== undefined) {
      problems.push({
        path: [i, "principalARN"],
        message: `${entry.principalARN} has the same name as accessEntries[${firstKey}] in another account; the package keys entries by name — rename one of the roles`,
      });
    } else byKey.set(key, i);
    const why = reservedRoleProblem(entry.principalARN, reserved);
    if (why) problems.push({ path: [i, "principalARN"], message: why });
  });
  return problems;
}
