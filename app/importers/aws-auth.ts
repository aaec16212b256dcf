import { at, readYamlDocument } from "../../core/yaml-syntax";
import { AccessEntry } from "../../modules/access/access-entry";
import { AccessPolicies } from "../../modules/access/access-policies";
import { accessEntryProblems, usernameProblem } from "../../modules/access/access-entry-rules";
import { NODE_USERNAME } from "../../modules/access/legacy-aws-auth-rules";
import { parsePrincipalArn, principalArn, principalArnProblems, principalKindProblem } from "../../modules/access/principal-arn";
import { ValidationError } from "../../core/problems";
import { isMapping, readAwsAuth } from "./aws-auth-input";

export interface SkippedMapping {
  /** The mapping's ARN (or account id, for mapAccounts). */
  arn: string;
  reason: string;
  /** Whether switching to API mode would take access away from this principal. */
  blocksApiMode: boolean;
}

export interface AwsAuthImport {
  /** In config shape (the `accessEntries` items), ready to paste. */
  accessEntries: AccessEntry[];
  skipped: SkippedMapping[];
  canSwitchToApi: boolean;
  /** Set when the input held several objects: which one was read. */
  note?: string;
}

export interface AwsAuthImportOptions {
  /** Role name → IAM path (`/team/`): aws-auth role ARNs carry no path, access entries need it. */
  readonly rolePaths?: ReadonlyMap<string, string>;
}

/** One mapRoles/mapUsers item; `where` is its YAML path (`mapRoles[3]`). */
type Mapping = { arn: string; kind: "role" | "user"; username?: string; groups: string[]; where: string };

/**
 * Fargate pod execution roles and EKS Hybrid Nodes roles share this username; only Fargate's
 * mapping adds system:node-proxier (EKS user guide). EKS creates the Fargate role's entry with the
 * profile, but nobody creates the hybrid nodes' HYBRID_LINUX entry: it must be imported.
 */
const SESSION_NODE_USERNAME = "system:node:{{SessionName}}";
const FARGATE_GROUP = "system:node-proxier";
const WINDOWS_GROUP = "eks:kube-proxy-windows";

/**
 * Translates the aws-auth ConfigMap into access entries, like eksctl's `utils
 * migrate-to-access-entry`, but offline, without crashing on bad input, and without passing through
 * what EKS would refuse. Input that is not an aws-auth ConfigMap, or whose structure is broken
 * (YAML, a mapping without its ARN), throws one ValidationError naming every problem. A mapping
 * that is readable but cannot become an access entry (a malformed ARN, an STS session) is skipped,
 * blocking, and every other mapping is still imported.
 */
export function importAwsAuth(text: string, file: string, options: AwsAuthImportOptions = {}): AwsAuthImport {
  const errors: string[] = [];
  const source = readAwsAuth(text, file, errors);
  const data = source?.data;
  const roles = data ? mappings(data, "mapRoles", "rolearn", file, errors) : [];
  const users = data ? mappings(data, "mapUsers", "userarn", file, errors) : [];
  const accounts = data ? accountIds(data, file, errors) : [];
  if (errors.length) throw new ValidationError(errors.join("\n"));

  const accessEntries: AccessEntry[] = [];
  const skipped: SkippedMapping[] = [];
  const firstSeen = new Map<string, string>();
  for (const m of [...roles, ...users]) {
    const problem = arnProblem(m.arn, m.kind);
    if (problem) {
      skipped.push({ arn: m.arn, reason: `${m.where}.${m.kind}arn: ${problem}`, blocksApiMode: true });
      continue;
    }
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
  return { accessEntries, skipped, canSwitchToApi: skipped.every((s) => !s.blocksApiMode), ...(source?.note ? { note: source.note } : {}) };
}

function translate(m: Mapping): AccessEntry | SkippedMapping {
  const principal = parsePrincipalArn(m.arn)!;
  if (principal.kind === "role" && principal.path.startsWith("/aws-service-role/")) {
    return {
      arn: m.arn,
      reason: "service-linked roles cannot have access entries; AWS manages their access — check what needs this mapping before switching",
      blocksApiMode: true,
    };
  }
  const nodeType = nodeTypeOf(m);
  if (nodeType) {
    // A node username makes a node-type entry, whose rules (roles only) are config's.
    const problems = accessEntryProblems({ principalARN: m.arn, type: nodeType });
    if (problems.length)
      return {
        arn: m.arn,
        reason: `username ${m.username} means type ${nodeType}: ${problems.map((p) => p.message).join("; ")}`,
        blocksApiMode: true,
      };
    if (nodeType === "FARGATE_LINUX")
      return {
        arn: m.arn,
        reason: "Fargate pod execution role: EKS creates its access entry with the Fargate profile",
        blocksApiMode: false,
      };
    return { principalARN: m.arn, type: nodeType };
  }
  const systemGroups = m.groups.filter((g) => g.startsWith("system:"));
  if (!m.groups.includes("system:masters") && systemGroups.length) {
    return {
      arn: m.arn,
      reason: `group${systemGroups.length > 1 ? "s" : ""} ${systemGroups.join(", ")} cannot be granted through access entries; bind your own group with RBAC and map that instead`,
      blocksApiMode: true,
    };
  }
  const username = m.username !== undefined && m.username !== "" ? m.username : undefined;
  if (username !== undefined) {
    const problem = usernameProblem(username);
    if (problem) return { arn: m.arn, reason: `kubernetesUsername ${problem}`, blocksApiMode: true };
  }
  const entry: AccessEntry = m.groups.includes("system:masters")
    ? {
        principalARN: m.arn,
        type: "STANDARD",
        kubernetesUsername: username,
        accessPolicies: [{ policyARN: AccessPolicies.CLUSTER_ADMIN, accessScope: { type: "cluster" } }],
      }
    : {
        principalARN: m.arn,
        type: "STANDARD",
        kubernetesGroups: m.groups.length ? [...m.groups] : undefined,
        kubernetesUsername: username,
      };
  // Whatever else EKS would refuse, refuse here too, with the same words as config validation.
  const problems = accessEntryProblems(entry);
  if (problems.length) return { arn: m.arn, reason: problems.map((p) => p.message).join("; "), blocksApiMode: true };
  // Config's key order: principal, type, groups, username, policies.
  const { principalARN, type, kubernetesGroups, kubernetesUsername, accessPolicies } = entry;
  return JSON.parse(JSON.stringify({ principalARN, type, kubernetesGroups, kubernetesUsername, accessPolicies }));
}

/** A list in aws-auth is a YAML string inside the ConfigMap; a pasted list is accepted too. */
function listAt(data: Record<string, unknown>, key: string, file: string, errors: string[]): unknown[] {
  let value = data[key];
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") {
    const read = readYamlDocument(value, {
      fix: `fix the YAML inside data.${key}`,
      oneDocument: `data.${key} holds one YAML list: remove the ---`,
    });
    if ("problems" in read) {
      for (const p of read.problems)
        errors.push(`${file}: data.${key}: ${at(p, { column: false, within: "the embedded YAML" })}${p.message}`);
      return [];
    }
    value = read.value;
    if (value === null || value === undefined) return [];
  }
  if (!Array.isArray(value)) {
    errors.push(`${file}: data.${key}: expected a list, got ${typeof value}; write ${key} as a YAML list of mappings`);
    return [];
  }
  return value;
}

function mappings(
  data: Record<string, unknown>,
  key: "mapRoles" | "mapUsers",
  arnKey: "rolearn" | "userarn",
  file: string,
  errors: string[],
): Mapping[] {
  const out: Mapping[] = [];
  listAt(data, key, file, errors).forEach((item, i) => {
    const where = `${key}[${i}]`;
    if (!isMapping(item)) return void errors.push(`${file}: ${where}: expected a mapping with ${arnKey}, username and groups`);
    const arn = item[arnKey];
    if (typeof arn !== "string")
      return void errors.push(`${file}: ${where}.${arnKey}: is missing or not a string; every ${key} item needs one`);
    const groups = item.groups ?? [];
    if (!Array.isArray(groups) || groups.some((g) => typeof g !== "string"))
      return void errors.push(`${file}: ${where}.groups: expected a list of group names`);
    const username = item.username;
    if (username !== undefined && username !== null && typeof username !== "string")
      return void errors.push(`${file}: ${where}.username: expected a string`);
    out.push({
      arn: arn.trim(),
      kind: key === "mapRoles" ? "role" : "user",
      username: username ?? undefined,
      groups: groups as string[],
      where,
    });
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

/** The node-type access entry a node username stands for, or nothing. */
function nodeTypeOf(m: Mapping): "EC2_LINUX" | "EC2_WINDOWS" | "FARGATE_LINUX" | "HYBRID_LINUX" | undefined {
  if (m.username === NODE_USERNAME) return m.groups.includes(WINDOWS_GROUP) ? "EC2_WINDOWS" : "EC2_LINUX";
  if (m.username === SESSION_NODE_USERNAME) return m.groups.includes(FARGATE_GROUP) ? "FARGATE_LINUX" : "HYBRID_LINUX";
  return undefined;
}

/** Why a mapping's ARN cannot be an access entry principal of `kind`, with the fix; or nothing. */
function arnProblem(arn: string, kind: "role" | "user"): string | undefined {
  const notKind = principalKindProblem(arn, kind);
  // An STS session ARN gets the shared rule's fix: the role ARN behind it.
  if (notKind && /^arn:[^:]*:sts:/.test(arn)) return principalArnProblems(arn)[0].message;
  return notKind;
}

function withPath(arn: string, rolePaths?: ReadonlyMap<string, string>): string {
  const p = parsePrincipalArn(arn)!;
  const path = p.kind === "role" && p.path === "/" ? rolePaths?.get(p.name) : undefined;
  return path ? principalArn({ ...p, path }) : arn;
}
