import { actionProblem } from "../../core/iam-actions";
import { Problem } from "../../core/problems";
import { principalKindProblem } from "../access/principal-arn";
import { aws6OptionProblems } from "../shared/aws6-options";

export type PodRoleMechanism = "podIdentity" | "irsa";

/**
 * A pod role: the keys of a config `podRoles` item, and the options of `PodRoles.add`. The
 * schema's output (environment/schema/pod-roles.ts) satisfies it.
 */
export interface PodRoleOptions {
  readonly namespace: string;
  /** A service account name, or exactly "*" (IRSA only: any service account of the namespace). */
  readonly serviceAccountName: string;
  /**
   * How pods get the role.
   * @default "podIdentity"
   */
  readonly mechanism?: PodRoleMechanism;
  /**
   * Managed policies to attach.
   * @default - none
   */
  readonly permissionPolicyARNs?: readonly string[];
  /**
   * An inline policy document.
   * @default - none
   */
  readonly permissionPolicy?: object;
  /**
   * An existing role to use as is: only the association (or annotation) is created.
   * @default - a role is created
   */
  readonly roleARN?: string;
  /** @default - `<cluster>-<namespace>-<service account>`, shortened to 64 characters */
  readonly roleName?: string;
  /** @default - none */
  readonly permissionsBoundaryARN?: string;
  /** @default 3600 */
  readonly maxSessionDuration?: number;
  /**
   * Whether the in-cluster stack creates the ServiceAccount (with the IRSA annotation).
   * @default - true for irsa with a named service account, false otherwise
   */
  readonly createServiceAccount?: boolean;
  /**
   * Pod Identity role chaining: pods get this role (in this or another account) through the
   * association's role, which is allowed `sts:AssumeRole` and `sts:TagSession` on it; the target
   * role must trust that role. Needs hashicorp/aws 6.2+ bindings (`@cdktf/provider-aws` 21.x, or
   * CDK Terrain's `@cdktn/provider-aws` 25.x).
   * @default - pods get the association's role itself
   */
  readonly targetRoleARN?: string;
  /**
   * Pod Identity without session tags (for target roles whose trust does not allow
   * `sts:TagSession`). Needs hashicorp/aws 6.2+ bindings.
   * @default - not set (EKS: session tags on)
   */
  readonly disableSessionTags?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,128}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function isWildcardServiceAccount(spec: { serviceAccountName: string }): boolean {
  return spec.serviceAccountName === "*";
}

/** Whether the in-cluster stack creates the ServiceAccount: by default only for IRSA, which needs its annotation. */
export function createsServiceAccount(spec: Pick<PodRoleOptions, "createServiceAccount" | "mechanism" | "serviceAccountName">): boolean {
  return spec.createServiceAccount ?? (spec.mechanism === "irsa" && !isWildcardServiceAccount(spec));
}

/** Problems with one pod role (paths relative to it). */
export function podRoleProblems(spec: PodRoleOptions): Problem[] {
  const problems: Problem[] = [];
  const mechanism = spec.mechanism ?? "podIdentity";
  if (spec.namespace.length > 63 || !DNS_LABEL.test(spec.namespace)) {
    problems.push({
      path: ["namespace"],
      message: `${JSON.stringify(spec.namespace)} is not a Kubernetes namespace name; use up to 63 lower-case letters, digits and "-" (example: app)`,
    });
  }
  if (isWildcardServiceAccount(spec)) {
    if (mechanism === "podIdentity") {
      problems.push({
        path: ["serviceAccountName"],
        message: `"*" is not possible with Pod Identity, which associates one service account; name it, or use mechanism: irsa (every service account of the namespace may then assume the role)`,
      });
    }
    if (spec.createServiceAccount)
      problems.push({
        path: ["createServiceAccount"],
        message: `a wildcard service account cannot be created; set createServiceAccount: false`,
      });
  } else if (spec.serviceAccountName.length > 253 || !DNS_SUBDOMAIN.test(spec.serviceAccountName)) {
    problems.push({
      path: ["serviceAccountName"],
      message: `${JSON.stringify(spec.serviceAccountName)} is not a service account name; use lower-case letters, digits, "-" and "." (example: s3-reader), or exactly "*" with mechanism: irsa`,
    });
  }
  problems.push(...crossAccountProblems(spec, mechanism));
  if (spec.roleARN !== undefined) {
    const notRole = principalKindProblem(spec.roleARN, "role");
    if (notRole) problems.push({ path: ["roleARN"], message: notRole });
    for (const key of ["permissionPolicyARNs", "permissionPolicy", "roleName", "permissionsBoundaryARN", "maxSessionDuration"] as const) {
      if (spec[key] !== undefined)
        problems.push({
          path: [key],
          message: `has no effect with roleARN (an existing role is only associated, never changed); remove it, or remove roleARN to let the stack create the role`,
        });
    }
    return problems;
  }
  if (!spec.permissionPolicyARNs?.length && spec.permissionPolicy === undefined && spec.targetRoleARN === undefined) {
    problems.push({
      path: ["permissionPolicyARNs"],
      message: `the role would have no permissions; give permissionPolicyARNs or permissionPolicy, or roleARN for an existing role`,
    });
  }
  spec.permissionPolicyARNs?.forEach((arn, i) => {
    if (!POLICY_ARN.test(arn))
      problems.push({
        path: ["permissionPolicyARNs", i],
        message: `${JSON.stringify(arn)} is not an IAM policy ARN (example: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess)`,
      });
  });
  if (spec.permissionPolicy !== undefined)
    problems.push(...policyDocumentProblems(spec.permissionPolicy).map((p) => ({ ...p, path: ["permissionPolicy", ...p.path] })));
  if (spec.permissionsBoundaryARN !== undefined && !POLICY_ARN.test(spec.permissionsBoundaryARN)) {
    problems.push({
      path: ["permissionsBoundaryARN"],
      message: `${JSON.stringify(spec.permissionsBoundaryARN)} is not an IAM policy ARN (example: arn:aws:iam::111122223333:policy/boundary)`,
    });
  }
  if (spec.roleName !== undefined && !ROLE_NAME.test(spec.roleName)) {
    problems.push({
      path: ["roleName"],
      message: `${JSON.stringify(spec.roleName)} is not an IAM role name; use up to 64 letters, digits and +=,.@_- (example: app-s3-reader)`,
    });
  }
  if (
    spec.maxSessionDuration !== undefined &&
    (!Number.isInteger(spec.maxSessionDuration) || spec.maxSessionDuration < 3600 || spec.maxSessionDuration > 43200)
  ) {
    problems.push({ path: ["maxSessionDuration"], message: `${spec.maxSessionDuration} is out of range; use 3600 to 43200 seconds` });
  }
  return problems;
}

/**
 * Pod Identity's target role (role chaining, e.g. into another account) and session tags: Pod
 * Identity options, on hashicorp/aws 6.2+ bindings.
 */
function crossAccountProblems(spec: PodRoleOptions, mechanism: PodRoleMechanism): Problem[] {
  const problems: Problem[] = [];
  for (const key of ["targetRoleARN", "disableSessionTags"] as const) {
    if (spec[key] !== undefined && mechanism === "irsa")
      problems.push({
        path: [key],
        message: `is a Pod Identity option, and this role uses IRSA; use mechanism: podIdentity, or remove ${key}`,
      });
  }
  const notRole = spec.targetRoleARN === undefined ? undefined : principalKindProblem(spec.targetRoleARN, "role");
  if (notRole) problems.push({ path: ["targetRoleARN"], message: notRole });
  if (mechanism === "podIdentity")
    problems.push(...aws6OptionProblems({ targetRoleARN: spec.targetRoleARN, disableSessionTags: spec.disableSessionTags }));
  return problems;
}

/**
 * An inline IAM policy must parse as a policy document and name real actions (AWS's service
 * authorization data); no `*` actions, no Deny-less NotAction tricks.
 */
export function policyDocumentProblems(doc: unknown): Problem[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    return [{ path: [], message: `expected a policy document: { Version: "2012-10-17", Statement: [...] }` }];
  const d = doc as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(d))
    if (!["Version", "Id", "Statement"].includes(key))
      problems.push({ path: [key], message: `unknown policy key; allowed: Version, Id, Statement` });
  if (d.Version !== "2012-10-17")
    problems.push({ path: ["Version"], message: `use "2012-10-17" (older versions do not support policy variables)` });
  const statements = Array.isArray(d.Statement) ? d.Statement : d.Statement === undefined ? [] : [d.Statement];
  if (statements.length === 0) problems.push({ path: ["Statement"], message: `needs at least one statement` });
  statements.forEach((s, i) => {
    const at = Array.isArray(d.Statement) ? ["Statement", i] : ["Statement"];
    if (typeof s !== "object" || s === null || Array.isArray(s))
      return void problems.push({ path: at, message: `expected a statement mapping with Effect, Action and Resource` });
    const st = s as Record<string, unknown>;
    for (const key of Object.keys(st)) {
      if (!["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"].includes(key))
        problems.push({
          path: [...at, key],
          message: `unknown statement key; allowed: Sid, Effect, Action, NotAction, Resource, NotResource, Condition (no Principal in identity policies)`,
        });
    }
    if (st.Effect !== "Allow" && st.Effect !== "Deny") problems.push({ path: [...at, "Effect"], message: `use Allow or Deny` });
    if (st.NotAction !== undefined && st.Effect === "Allow")
      problems.push({
        path: [...at, "NotAction"],
        message: `Allow with NotAction grants everything else; list the allowed actions under Action`,
      });
    const actions = st.Action === undefined ? [] : Array.isArray(st.Action) ? st.Action : [st.Action];
    if (st.Action === undefined && st.NotAction === undefined)
      problems.push({ path: [...at, "Action"], message: `is required (example: [s3:GetObject])` });
    actions.forEach((a, j) => {
      const problem = typeof a === "string" ? actionProblem(a) : `expected an action name`;
      if (problem) problems.push({ path: Array.isArray(st.Action) ? [...at, "Action", j] : [...at, "Action"], message: problem });
    });
    if (st.Resource === undefined && st.NotResource === undefined)
      problems.push({ path: [...at, "Resource"], message: `is required (example: arn:aws:s3:::my-bucket/*)` });
  });
  return problems;
}

/**
 * One role per service account per cluster: duplicates are problems (paths relative to the list).
 * `list` names the list as the caller knows it (`podRoles` in config, `roles` of `PodRoles`).
 */
export function duplicateServiceAccountProblems(
  specs: ReadonlyArray<Pick<PodRoleOptions, "namespace" | "serviceAccountName">>,
  list = "podRoles",
): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  specs.forEach((s, i) => {
    const key = `${s.namespace}/${s.serviceAccountName}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else
      problems.push({
        path: [i, "serviceAccountName"],
        message: `${key} already has a role at ${list}[${first}]; a service account gets one role per cluster — merge the permissions into that one`,
      });
  });
  return problems;
}
