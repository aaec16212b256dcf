import { parseDocument } from "yaml";
import { AccessPolicies } from "../../modules/access/access-policies";
import { accessEntryProblems, usernameProblem } from "../../modules/access/access-entry-rules";
import { NODE_USERNAME } from "../../modules/access/legacy-aws-auth-rules";
import { notAPrincipal, parsePrincipalArn, principalArn } from "../../modules/access/principal-arn";
import { ValidationError } from "../problems";

/** An access entry in config shape (eksctl's key names). */
export interface ImportedAccessEntry {
  principalARN: string;
  type: "STANDARD" | "EC2_LINUX" | "EC2_WINDOWS";
  kubernetesGroups?: string[];
  kubernetesUsername?: string;
  accessPolicies?: Array<{ policyARN: string; accessScope: { type: "cluster" } }>;
}

export interface SkippedMapping {
  /** The mapping's ARN (or account id, for mapAccounts). */
  arn: string;
  reason: string;
  /** Whether switching to API mode would take access away from this principal. */
  blocksApiMode: boolean;
}

export interface AwsAuthImport {
  accessEntries: ImportedAccessEntry[];
  skipped: SkippedMapping[];
  canSwitchToApi: boolean;
}

export interface AwsAuthImportOptions {
  /** Role name → IAM path (`/team/`): aws-auth role ARNs carry no path, access entries need it. */
  readonly rolePaths?: ReadonlyMap<string, string>;
}

type Mapping = { arn: string; username?: string; groups: string[]; where: string };

const FARGATE_USERNAME = "system:node:{{SessionName}}";
const WINDOWS_GROUP = "eks:kube-proxy-windows";

/**
 * Translates the aws-auth ConfigMap into access entries, like eksctl's `utils
 * migrate-to-access-entry`, but offline, without crashing on bad input, and without passing through
 * usernames EKS would refuse. Malformed YAML or ARNs throw one ValidationError naming every entry.
 */
export function importAwsAuth(text: string, file: string, options: AwsAuthImportOptions = {}): AwsAuthImport {
  const errors: string[] = [];
  const data = configMapData(text, file, errors);
  const roles = data ? mappings(data, "mapRoles", "rolearn", file, errors) : [];
  const users = data ? mappings(data, "mapUsers", "userarn", file, errors) : [];
  const accounts = data ? accountIds(data, file, errors) : [];
  for (const m of [...roles, ...users]) {
    const problem = arnProblem(m.arn, m.where.includes("mapRoles") ? "role" : "user");
    if (problem) errors.push(`${file}: ${m.where}.${m.where.startsWith("mapRoles") ? "rolearn" : "userarn"}: ${problem}`);
  }
  if (errors.length) throw new ValidationError(errors.join("\n"));

  const accessEntries: ImportedAccessEntry[] = [];
  const skipped: SkippedMapping[] = [];
  const firstSeen = new Map<string, string>();
  for (const m of [...roles, ...users]) {
    const arn = withPath(m.arn, options.rolePaths);
    const first = firstSeen.get(arn);
    if (first) {
      skipped.push({ arn, reason: `duplicate of ${first}; the first mapping wins`, blocksApiMode: false });
      continue;
    }
    firstSeen.set(arn, m.where);
    const result = translate({ ...m, arn });
    if ("reason" in result) skipped.push(result);
    else accessEntries.push(result);
  }
  for (const account of accounts) {
    skipped.push({
      arn: account,
      reason: `mapAccounts lets every IAM principal of account ${account} in; access entries need one entry per principal — add entries for the principals that need access`,
      blocksApiMode: true,
    });
  }
  return { accessEntries, skipped, canSwitchToApi: skipped.every((s) => !s.blocksApiMode) };
}

function translate(m: Mapping): ImportedAccessEntry | SkippedMapping {
  const principal = parsePrincipalArn(m.arn)!;
  if (principal.kind === "role" && principal.path.startsWith("/aws-service-role/")) {
    return { arn: m.arn, reason: "service-linked roles cannot have access entries; AWS manages their access — check what needs this mapping before switching", blocksApiMode: true };
  }
  if (m.username === NODE_USERNAME) {
    return { principalARN: m.arn, type: m.groups.includes(WINDOWS_GROUP) ? "EC2_WINDOWS" : "EC2_LINUX" };
  }
  if (m.username === FARGATE_USERNAME) {
    return { arn: m.arn, reason: "Fargate pod execution role: EKS creates its access entry with the Fargate profile", blocksApiMode: false };
  }
  let entry: ImportedAccessEntry;
  if (m.groups.includes("system:masters")) {
    entry = { principalARN: m.arn, type: "STANDARD", accessPolicies: [{ policyARN: AccessPolicies.CLUSTER_ADMIN, accessScope: { type: "cluster" } }] };
  } else {
    const systemGroups = m.groups.filter((g) => g.startsWith("system:"));
    if (systemGroups.length) {
      return { arn: m.arn, reason: `group${systemGroups.length > 1 ? "s" : ""} ${systemGroups.join(", ")} cannot be granted through access entries; bind your own group with RBAC and map that instead`, blocksApiMode: true };
    }
    entry = { principalARN: m.arn, type: "STANDARD", ...(m.groups.length ? { kubernetesGroups: [...m.groups] } : {}) };
  }
  if (m.username !== undefined && m.username !== "") {
    const problem = usernameProblem(m.username);
    if (problem) return { arn: m.arn, reason: `kubernetesUsername ${problem}`, blocksApiMode: true };
    entry.kubernetesUsername = m.username;
  }
  // Whatever else EKS would refuse, refuse here too, with the same words as config validation.
  const problems = accessEntryProblems(entry);
  if (problems.length) return { arn: m.arn, reason: problems.map((p) => p.message).join("; "), blocksApiMode: true };
  // Config's key order: principal, type, groups, username, policies.
  const { principalARN, type, kubernetesGroups, kubernetesUsername, accessPolicies } = entry;
  return JSON.parse(JSON.stringify({ principalARN, type, kubernetesGroups, kubernetesUsername, accessPolicies }));
}

function configMapData(text: string, file: string, errors: string[]): Record<string, unknown> | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) errors.push(`${file}: line ${e.linePos?.[0].line ?? "?"}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}; fix the YAML syntax there`);
    return undefined;
  }
  const root = doc.toJS() as unknown;
  if (!isMapping(root)) {
    errors.push(`${file}: expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got ${root === null || root === undefined ? "an empty document" : typeof root}`);
    return undefined;
  }
  if (root.kind === "ConfigMap") {
    if (root.data === undefined || root.data === null) return {};
    if (!isMapping(root.data)) {
      errors.push(`${file}: data: expected a mapping with mapRoles, mapUsers or mapAccounts`);
      return undefined;
    }
    return root.data;
  }
  if (["mapRoles", "mapUsers", "mapAccounts"].some((k) => k in root)) return root;
  errors.push(`${file}: expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts)${root.kind ? `, got kind: ${String(root.kind)}` : ""}`);
  return undefined;
}

/** A list in aws-auth is a YAML string inside the ConfigMap; a pasted list is accepted too. */
function listAt(data: Record<string, unknown>, key: string, file: string, errors: string[]): unknown[] {
  let value = data[key];
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") {
    const doc = parseDocument(value, { prettyErrors: true });
    if (doc.errors.length) {
      for (const e of doc.errors) errors.push(`${file}: data.${key}: line ${e.linePos?.[0].line ?? "?"} of the embedded YAML: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}; fix the YAML inside data.${key}`);
      return [];
    }
    value = doc.toJS();
    if (value === null || value === undefined) return [];
  }
  if (!Array.isArray(value)) {
    errors.push(`${file}: data.${key}: expected a list, got ${typeof value}; write ${key} as a YAML list of mappings`);
    return [];
  }
  return value;
}

function mappings(data: Record<string, unknown>, key: "mapRoles" | "mapUsers", arnKey: "rolearn" | "userarn", file: string, errors: string[]): Mapping[] {
  const out: Mapping[] = [];
  listAt(data, key, file, errors).forEach((item, i) => {
    const where = `${key}[${i}]`;
    if (!isMapping(item)) return void errors.push(`${file}: ${where}: expected a mapping with ${arnKey}, username and groups`);
    const arn = item[arnKey];
    if (typeof arn !== "string") return void errors.push(`${file}: ${where}.${arnKey}: is missing or not a string; every ${key} item needs one`);
    const groups = item.groups ?? [];
    if (!Array.isArray(groups) || groups.some((g) => typeof g !== "string")) return void errors.push(`${file}: ${where}.groups: expected a list of group names`);
    const username = item.username;
    if (username !== undefined && username !== null && typeof username !== "string") return void errors.push(`${file}: ${where}.username: expected a string`);
    out.push({ arn: arn.trim(), username: username ?? undefined, groups: groups as string[], where });
  });
  return out;
}

function accountIds(data: Record<string, unknown>, file: string, errors: string[]): string[] {
  return listAt(data, "mapAccounts", file, errors).flatMap((item, i) => {
    if (typeof item === "string" || typeof item === "number") return [String(item)];
    errors.push(`${file}: mapAccounts[${i}]: expected an account id`);
    return [];
  });
}

function arnProblem(arn: string, kind: "role" | "user"): string | undefined {
  const principal = parsePrincipalArn(arn);
  return principal && principal.kind === kind ? undefined : notAPrincipal(arn, kind);
}

function withPath(arn: string, rolePaths?: ReadonlyMap<string, string>): string {
  const p = parsePrincipalArn(arn)!;
  const path = p.kind === "role" && p.path === "/" ? rolePaths?.get(p.name) : undefined;
  return path ? principalArn({ ...p, path }) : arn;
}

function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
