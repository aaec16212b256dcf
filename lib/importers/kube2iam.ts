import { parseAllDocuments } from "yaml";
import { parsePrincipalArn } from "../../modules/access/principal-arn";
import { podIdentityStatement } from "../../modules/pod-roles/trust-policies";
import { PolicyStatement } from "../../modules/shared/policy-document";
import { ValidationError } from "../problems";

const ANNOTATION = "iam.amazonaws.com/role";
const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"] as const;

export interface ImportedPodRole {
  namespace: string;
  serviceAccountName: string;
  mechanism: "podIdentity";
  roleARN: string;
}

export interface ServiceAccountConflict {
  namespace: string;
  serviceAccountName: string;
  roles: string[];
  workloads: string[];
}

export interface Kube2iamImport {
  podRoles: ImportedPodRole[];
  conflicts: ServiceAccountConflict[];
  /** Per role: the statement to add to its trust policy so Pod Identity can assume it. */
  trustStatements: Record<string, PolicyStatement>;
}

export interface Kube2iamImportOptions {
  /** kube2iam's `--base-role-arn`, e.g. `arn:aws:iam::111122223333:role/`. */
  readonly baseRoleArn?: string;
  /** Namespace of manifests without `metadata.namespace` (kubectl's `-n`). @default "default" */
  readonly namespace?: string;
  /** Narrows the trust statements to one cluster. @default - not narrowed to a cluster */
  readonly clusterArn?: string;
}

export interface ManifestFile {
  readonly name: string;
  readonly text: string;
}

interface Use {
  namespace: string;
  serviceAccountName: string;
  workload: string;
  role?: string;
}

/**
 * Finds pod templates annotated for kube2iam and turns them into Pod Identity `podRoles` that
 * reuse the existing roles. A service account used with two roles cannot be mapped (Pod Identity
 * gives one role per service account): it is reported as a conflict instead.
 */
export function importKube2iam(files: readonly ManifestFile[], options: Kube2iamImportOptions = {}): Kube2iamImport & { sharedWithUnannotated: string[] } {
  const errors: string[] = [];
  const uses: Use[] = [];
  for (const file of files) {
    parseAllDocuments(file.text, { prettyErrors: true }).forEach((doc, index) => {
      const where = `${file.name}: document ${index + 1}`;
      if ("errors" in doc && doc.errors.length) {
        for (const e of doc.errors) errors.push(`${where}: line ${e.linePos?.[0].line ?? "?"}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}; fix the YAML syntax there`);
        return;
      }
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) return; // an empty document between ---
      collect(value, where, options, uses, errors);
    });
  }
  if (errors.length) throw new ValidationError(errors.join("\n"));

  const bySa = new Map<string, Use[]>();
  for (const use of uses) {
    const key = `${use.namespace}/${use.serviceAccountName}`;
    bySa.set(key, [...(bySa.get(key) ?? []), use]);
  }
  const podRoles: ImportedPodRole[] = [];
  const conflicts: ServiceAccountConflict[] = [];
  const sharedWithUnannotated: string[] = [];
  for (const [key, list] of [...bySa.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const annotated = list.filter((u) => u.role);
    if (!annotated.length) continue;
    const roles = [...new Set(annotated.map((u) => u.role!))].sort();
    const [namespace, serviceAccountName] = [list[0].namespace, list[0].serviceAccountName];
    if (roles.length > 1) {
      conflicts.push({ namespace, serviceAccountName, roles, workloads: annotated.map((u) => u.workload).sort() });
      continue;
    }
    podRoles.push({ namespace, serviceAccountName, mechanism: "podIdentity", roleARN: roles[0] });
    const plain = list.filter((u) => !u.role).map((u) => u.workload);
    if (plain.length) sharedWithUnannotated.push(`${key} is also used by ${plain.join(", ")} without the annotation: with Pod Identity those pods get ${roles[0]} too — give them their own service account`);
  }
  return { podRoles, conflicts, trustStatements: trustStatements(podRoles, options.clusterArn), sharedWithUnannotated };
}

function collect(value: unknown, where: string, options: Kube2iamImportOptions, uses: Use[], errors: string[]): void {
  if (!isMapping(value) || typeof value.kind !== "string") {
    errors.push(`${where}: not a Kubernetes object (no kind); pass manifests such as kubectl get deploy -o yaml prints`);
    return;
  }
  if (value.kind === "List" || value.kind.endsWith("List")) {
    if (!Array.isArray(value.items)) return void errors.push(`${where}: ${value.kind} has no items list; pass kubectl's -o yaml output unchanged`);
    value.items.forEach((item, i) => collect(item, `${where}, items[${i}]`, options, uses, errors));
    return;
  }
  if (!(WORKLOAD_KINDS as readonly string[]).includes(value.kind)) return; // Services, ConfigMaps, ...: nothing to migrate
  const metadata = isMapping(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : "(unnamed)";
  const template = podTemplate(value);
  if (!template) return void errors.push(`${where}: ${value.kind}/${name} has no pod template where Kubernetes puts it (${templatePath(value.kind)})`);
  const annotations = isMapping(template.metadata) && isMapping(template.metadata.annotations) ? template.metadata.annotations : {};
  const spec = isMapping(template.spec) ? template.spec : {};
  const serviceAccount = spec.serviceAccountName ?? spec.serviceAccount ?? "default";
  const namespace = metadata.namespace ?? options.namespace ?? "default";
  if (typeof serviceAccount !== "string" || typeof namespace !== "string") return void errors.push(`${where}: ${value.kind}/${name}: serviceAccountName and namespace must be strings`);
  const annotation = annotations[ANNOTATION];
  let role: string | undefined;
  if (annotation !== undefined) {
    role = roleArn(String(annotation), options.baseRoleArn);
    if (!role) {
      errors.push(
        `${where}: ${value.kind}/${name}: ${ANNOTATION}: ${JSON.stringify(annotation)} is a role name; pass --base-role-arn (kube2iam's, e.g. arn:aws:iam::111122223333:role/) or annotate the full role ARN`,
      );
      return;
    }
    if (!parsePrincipalArn(role) || parsePrincipalArn(role)!.kind !== "role") {
      errors.push(`${where}: ${value.kind}/${name}: ${ANNOTATION}: ${JSON.stringify(role)} is not an IAM role ARN (example: arn:aws:iam::111122223333:role/app-s3)`);
      return;
    }
  }
  uses.push({ namespace, serviceAccountName: serviceAccount, workload: `${value.kind}/${name}`, role });
}

function podTemplate(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = isMapping(o.spec) ? o.spec : undefined;
  switch (o.kind) {
    case "Pod":
      return o;
    case "CronJob": {
      const job = spec && isMapping(spec.jobTemplate) && isMapping(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
      return job && isMapping(job.template) ? job.template : undefined;
    }
    default:
      return spec && isMapping(spec.template) ? spec.template : undefined;
  }
}

function templatePath(kind: string): string {
  return kind === "CronJob" ? "spec.jobTemplate.spec.template" : "spec.template";
}

/** kube2iam: a full ARN is used as is; a name is appended to --base-role-arn. */
function roleArn(annotation: string, base?: string): string | undefined {
  if (annotation.startsWith("arn:")) return annotation;
  if (!base) return undefined;
  return `${base.endsWith("/") ? base : `${base}/`}${annotation.replace(/^\//, "")}`;
}

function trustStatements(roles: readonly ImportedPodRole[], clusterArn?: string): Record<string, PolicyStatement> {
  const byRole = new Map<string, ImportedPodRole[]>();
  for (const r of roles) byRole.set(r.roleARN, [...(byRole.get(r.roleARN) ?? []), r]);
  const one = (values: string[]) => (values.length === 1 ? values[0] : values);
  const out: Record<string, PolicyStatement> = {};
  for (const [arn, list] of [...byRole.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    out[arn] = podIdentityStatement({
      clusterArn,
      namespace: one([...new Set(list.map((r) => r.namespace))]),
      serviceAccountName: one([...new Set(list.map((r) => r.serviceAccountName))]),
    });
  }
  return out;
}

function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
