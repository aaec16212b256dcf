import { parse } from "yaml";
import { AccessPolicies } from "../../modules/access/access-policies";
import { expandAction } from "../../core/iam-actions";
import { InfrastructureFacts, infrastructureFacts } from "./infrastructure";
import { StackJson, SynthesizedEnvironment } from "./load";

export interface AccessRow {
  /** The entry's Terraform name: stable across runs, used to compare base and head. */
  readonly key: string;
  readonly principal: string;
  readonly type: string;
  readonly policy?: string;
  readonly scope?: string;
  readonly groups: string[];
  readonly username?: string;
  /** The bastion's own role: whoever may start a Session Manager session on it gets this access. */
  readonly bastion?: boolean;
}

export interface LegacyRow {
  readonly arn: string;
  readonly username?: string;
  readonly groups: string[];
  /** `config`: written in legacyAwsAuth; `node-role`: the node role's mapping the package keeps so nodes can join. */
  readonly source: "config" | "node-role";
}

export interface PodRoleRow {
  readonly serviceAccount: string;
  readonly mechanism: "podIdentity" | "irsa";
  readonly role: string;
  readonly attached: string[];
  readonly inline: string[];
  readonly wildcardServiceAccount: boolean;
}

export interface IngressRow {
  readonly securityGroup: string;
  readonly rule: string;
  readonly ports: string;
  readonly source: string;
  readonly description?: string;
}

export interface WildcardStatement {
  readonly policy: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly note?: string;
}

export type RiskKind =
  | "public-endpoint"
  | "open-to-internet"
  | "cluster-admin"
  | "irsa-wildcard"
  | "imds-hop-limit"
  | "unprotected"
  | "legacy-aws-auth";

export interface Risk {
  readonly kind: RiskKind;
  readonly detail: string;
}

export interface EnvironmentFacts {
  readonly name: string;
  readonly clusterName?: string;
  readonly endpoint: { readonly private: boolean; readonly public: boolean; readonly publicCidrs: string[] };
  readonly authenticationMode?: string;
  readonly access: AccessRow[];
  readonly legacyAwsAuth: LegacyRow[];
  readonly podRoles: PodRoleRow[];
  readonly ingress: IngressRow[];
  readonly wildcardStatements: WildcardStatement[];
  readonly risks: Risk[];
  readonly infrastructure: InfrastructureFacts;
}

const byType = (stack: StackJson | undefined, type: string): Array<[string, any]> => Object.entries(stack?.resource?.[type] ?? {});
const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;
const policyName = (arn: string) => arn.split("/").pop() ?? arn;

const CROSS_STACK = /^\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)\}$/;

/**
 * Turns `${aws_iam_role.bastion_role_role.arn}` into something a reviewer can read. A value the
 * in-cluster stack reads from the cluster stack's state is followed to the cluster stack's output.
 */
function readable(value: unknown, stack?: StackJson, clusterStack?: StackJson): string {
  if (typeof value !== "string") return String(value);
  const crossStack = CROSS_STACK.exec(value);
  if (crossStack && clusterStack?.output?.[crossStack[1]]) return readable(clusterStack.output[crossStack[1]].value, clusterStack);
  const m = REF.exec(value);
  if (!m) return value;
  const target = stack?.resource?.[m[1]]?.[m[2]];
  if (m[1] === "aws_iam_role" && target?.name) return `role ${target.name} (created by this stack)`;
  return `${m[1]}.${m[2]}.${m[3]}`;
}

function parseJson(text: unknown): any {
  try {
    return typeof text === "string" ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** What a reviewer needs to know about one environment, read from synthesized JSON only. */
export function environmentFacts(env: SynthesizedEnvironment): EnvironmentFacts {
  const stack = env.cluster;
  const [, cluster] = byType(stack, "aws_eks_cluster")[0] ?? [];
  const vpc = cluster?.vpc_config ?? {};
  const endpoint = {
    private: vpc.endpoint_private_access === true,
    public: vpc.endpoint_public_access === true,
    publicCidrs: vpc.public_access_cidrs ?? [],
  };
  const access = accessRows(stack);
  const legacyAwsAuth = legacyRows(env.inCluster, stack);
  const podRoles = podRoleRows(stack);
  const ingress = ingressRows(stack);
  const wildcardStatements = wildcardRows(stack);
  const risks: Risk[] = [];
  if (endpoint.public)
    risks.push({
      kind: "public-endpoint",
      detail: `the Kubernetes API is reachable from ${endpoint.publicCidrs.join(", ") || "anywhere"}`,
    });
  if (endpoint.publicCidrs.includes("0.0.0.0/0"))
    risks.push({ kind: "open-to-internet", detail: "the public API endpoint admits 0.0.0.0/0" });
  for (const r of ingress)
    if (r.source === "0.0.0.0/0" || r.source === "::/0")
      risks.push({ kind: "open-to-internet", detail: `${r.securityGroup} admits ${r.source} on ${r.ports}` });
  for (const a of access)
    if (a.policy === AccessPolicies.CLUSTER_ADMIN) risks.push({ kind: "cluster-admin", detail: `${a.principal} is cluster admin` });
  for (const p of podRoles)
    if (p.wildcardServiceAccount)
      risks.push({ kind: "irsa-wildcard", detail: `every service account in ${p.serviceAccount.split("/")[0]} may assume ${p.role}` });
  for (const [type, name, hop] of hopLimits(stack))
    if (hop > 1)
      risks.push({
        kind: "imds-hop-limit",
        detail: `${type}.${name} has IMDS hop limit ${hop}: pods can read the node role's credentials`,
      });
  if (cluster && cluster.lifecycle?.prevent_destroy !== true)
    risks.push({ kind: "unprotected", detail: "prevent_destroy is off on the cluster (cluster.protect: false)" });
  const fromConfig = legacyAwsAuth.filter((l) => l.source === "config").length;
  if (fromConfig)
    risks.push({
      kind: "legacy-aws-auth",
      detail: `${fromConfig} aws-auth mapping(s) from legacyAwsAuth still kept (and the node role's, kept so nodes can join)`,
    });
  return {
    name: env.name,
    clusterName: cluster?.name,
    endpoint,
    authenticationMode: cluster?.access_config?.authentication_mode,
    access,
    legacyAwsAuth,
    podRoles,
    ingress,
    wildcardStatements,
    risks,
    infrastructure: infrastructureFacts(stack),
  };
}

function accessRows(stack?: StackJson): AccessRow[] {
  // Indexed by principal once: a filter per entry is quadratic (0.5 s at 1,000 entries).
  const associations = new Map<string, any[]>();
  for (const [, a] of byType(stack, "aws_eks_access_policy_association"))
    associations.set(a.principal_arn, [...(associations.get(a.principal_arn) ?? []), a]);
  const rows: AccessRow[] = [];
  for (const [key, entry] of byType(stack, "aws_eks_access_entry")) {
    const role = REF.exec(String(entry.principal_arn));
    const bastion =
      role?.[1] === "aws_iam_role" && /\/bastion\//.test(stack?.resource?.aws_iam_role?.[role[2]]?.["//"]?.metadata?.path ?? "")
        ? true
        : undefined;
    const base = {
      key,
      principal: readable(entry.principal_arn, stack),
      type: entry.type ?? "STANDARD",
      groups: entry.kubernetes_groups ?? [],
      username: entry.user_name,
      bastion,
    };
    const mine = [
      ...(associations.get(`\${aws_eks_access_entry.${key}.principal_arn}`) ?? []),
      ...(associations.get(entry.principal_arn) ?? []),
    ];
    if (!mine.length) rows.push(base);
    for (const a of mine) {
      const scope = a.access_scope?.type === "namespace" ? `namespaces ${(a.access_scope.namespaces ?? []).join(", ")}` : "cluster";
      rows.push({ ...base, policy: policyName(a.policy_arn), scope });
    }
  }
  return rows;
}

function legacyRows(inCluster?: StackJson, clusterStack?: StackJson): LegacyRow[] {
  const rows: LegacyRow[] = [];
  for (const [, cm] of byType(inCluster, "kubernetes_config_map_v1_data")) {
    if (cm.metadata?.name !== "aws-auth") continue;
    for (const key of ["mapRoles", "mapUsers"]) {
      const list = (parse(cm.data?.[key] ?? "[]") ?? []) as any[];
      for (const m of list) {
        const arn = m.rolearn ?? m.userarn;
        const source =
          key === "mapRoles" && CROSS_STACK.test(arn) && m.username === "system:node:{{EC2PrivateDNSName}}" ? "node-role" : "config";
        rows.push({ arn: readable(arn, inCluster, clusterStack), username: m.username, groups: m.groups ?? [], source });
      }
    }
  }
  return rows;
}

function podRoleRows(stack?: StackJson): PodRoleRow[] {
  const rows: PodRoleRow[] = [];
  const attachments = byType(stack, "aws_iam_role_policy_attachment");
  const inline = byType(stack, "aws_iam_role_policy");
  for (const [key, role] of byType(stack, "aws_iam_role")) {
    const statement = [parseJson(role.assume_role_policy)?.Statement ?? []].flat()[0];
    if (!statement) continue;
    const tags = statement.Condition?.StringEquals ?? {};
    let row: Omit<PodRoleRow, "attached" | "inline"> | undefined;
    if (statement.Principal?.Service === "pods.eks.amazonaws.com") {
      row = {
        serviceAccount: `${tags["aws:RequestTag/kubernetes-namespace"] ?? "?"}/${tags["aws:RequestTag/kubernetes-service-account"] ?? "?"}`,
        mechanism: "podIdentity",
        role: role.name ?? key,
        wildcardServiceAccount: false,
      };
    } else if (statement.Action === "sts:AssumeRoleWithWebIdentity") {
      const conditions = { ...(statement.Condition?.StringEquals ?? {}), ...(statement.Condition?.StringLike ?? {}) };
      const sub = Object.entries(conditions).find(([k]) => k.endsWith(":sub"))?.[1] as string | undefined;
      const wildcard = !!Object.keys(statement.Condition?.StringLike ?? {}).find((k) => k.endsWith(":sub"));
      row = {
        serviceAccount: (sub ?? "?").replace(/^system:serviceaccount:/, "").replace(":", "/"),
        mechanism: "irsa",
        role: role.name ?? key,
        wildcardServiceAccount: wildcard,
      };
    }
    if (!row) continue;
    const ref = `\${aws_iam_role.${key}.name}`;
    rows.push({
      ...row,
      attached: attachments.filter(([, a]) => a.role === ref).map(([, a]) => policyName(a.policy_arn)),
      inline: inline
        .filter(([, p]) => p.role === ref)
        .flatMap(([, p]) => [parseJson(p.policy)?.Statement ?? []].flat().flatMap((s: any) => [s.Action ?? []].flat())),
    });
  }
  for (const [, association] of byType(stack, "aws_eks_pod_identity_association")) {
    if (REF.test(association.role_arn)) continue; // a created role, listed above
    rows.push({
      serviceAccount: `${association.namespace}/${association.service_account}`,
      mechanism: "podIdentity",
      role: `${association.role_arn} (existing)`,
      attached: [],
      inline: [],
      wildcardServiceAccount: false,
    });
  }
  return rows.sort((a, b) => a.serviceAccount.localeCompare(b.serviceAccount));
}

function ingressRows(stack?: StackJson): IngressRow[] {
  const groupName = (id: string) => {
    const m = REF.exec(id);
    return m
      ? (stack?.resource?.[m[1]]?.[m[2]]?.name ?? `${m[1]}.${m[2]}`)
      : readable(id, stack).replace(/\.vpc_config\.0\.cluster_security_group_id|\.cluster_security_group_id/, "");
  };
  const rows: IngressRow[] = [];
  for (const [key, r] of byType(stack, "aws_vpc_security_group_ingress_rule")) {
    const sg = String(r.security_group_id).includes("vpc_config") ? "EKS cluster security group" : groupName(r.security_group_id);
    const ports =
      r.ip_protocol === "-1"
        ? "all traffic"
        : `${r.ip_protocol} ${r.from_port === r.to_port ? r.from_port : `${r.from_port}-${r.to_port}`}`;
    const source =
      r.cidr_ipv4 ??
      r.cidr_ipv6 ??
      (r.referenced_security_group_id ? `security group ${groupName(r.referenced_security_group_id)}` : (r.prefix_list_id ?? "?"));
    rows.push({ securityGroup: sg, rule: key, ports, source, description: r.description });
  }
  for (const [key, group] of byType(stack, "aws_security_group")) {
    for (const r of group.ingress ?? [])
      rows.push({
        securityGroup: group.name ?? key,
        rule: `${key} (inline)`,
        ports: `${r.protocol} ${r.from_port}-${r.to_port}`,
        source: (r.cidr_blocks ?? []).join(", "),
        description: r.description,
      });
  }
  return rows;
}

function wildcardRows(stack?: StackJson): WildcardStatement[] {
  const rows: WildcardStatement[] = [];
  for (const [key, p] of byType(stack, "aws_iam_role_policy")) {
    for (const s of [parseJson(p.policy)?.Statement ?? []].flat()) {
      const actions: string[] = [s.Action ?? s.NotAction ?? []].flat();
      const resources: string[] = [s.Resource ?? s.NotResource ?? []].flat();
      if (!actions.some((a) => a.includes("*")) && !resources.includes("*")) continue;
      const wildcardOnly = actions.every((a) => expandAction(a).every((d) => d.resourceTypes.length === 0));
      rows.push({
        policy: key,
        actions,
        resources,
        note: resources.includes("*") && wildcardOnly ? "these actions support no resource ARNs" : undefined,
      });
    }
  }
  return rows;
}

function hopLimits(stack?: StackJson): Array<[string, string, number]> {
  const out: Array<[string, string, number]> = [];
  for (const type of ["aws_launch_template", "aws_instance"]) {
    for (const [name, r] of byType(stack, type)) out.push([type, name, Number(r.metadata_options?.http_put_response_hop_limit ?? 1)]);
  }
  return out;
}
