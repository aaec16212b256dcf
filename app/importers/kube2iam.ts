import { at, readYamlDocuments } from "../../core/yaml-syntax";
import { principalKindProblem } from "../../modules/access/principal-arn";
import { podIdentityStatement } from "../../modules/pod-roles/trust-policies";
import { PolicyStatement } from "../../modules/shared/policy-document";
import { ValidationError } from "../../core/problems";

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
  /** Why it was not mapped, and what to do, after "namespace/name is". */
  reason: string;
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
  readonly defaultNamespace?: string;
  /** Import only workloads in these namespaces. @default - every namespace in the input */
  readonly namespaces?: readonly string[];
  /**
   * Map a role onto a namespace's `default` service account, which every pod that names none
   * runs as. @default false - reported as a conflict instead
   */
  readonly allowDefaultServiceAccount?: boolean;
  /** Narrows the trust statements to one cluster. @default - not narrowed to a cluster */
  readonly clusterArn?: string;
}

export interface ManifestFile {
  readonly name: string;
  readonly text: string;
}

/** What the report prints beside the result: things to check by hand. */
export interface Kube2iamNotes {
  /** Service accounts whose unannotated workloads would gain a role. */
  sharedWithUnannotated: string[];
  /** Controlled objects read as workloads because their controller is not in the input. */
  ownerNotInInput: string[];
}

interface Use {
  namespace: string;
  serviceAccountName: string;
  workload: string;
  role?: string;
}

interface Found {
  where: string;
  object: Record<string, unknown>;
}

/**
 * Finds pod templates annotated for kube2iam and turns them into Pod Identity `podRoles` that
 * reuse the existing roles. Objects whose controller is also in the input (a Deployment's
 * ReplicaSets, kept for rollback, and their Pods; a CronJob's Jobs) are skipped: the controller's
 * template is what future pods get. A service account used with two roles, or a namespace's
 * `default` one, cannot be mapped safely: it is reported as a conflict instead.
 */
export function importKube2iam(files: readonly ManifestFile[], options: Kube2iamImportOptions = {}): Kube2iamImport & Kube2iamNotes {
  const errors: string[] = [];
  const workloads: Found[] = [];
  for (const file of files) {
    readYamlDocuments(file.text).forEach((read, index) => {
      const where = `${file.name}: document ${index + 1}`;
      if ("problems" in read) {
        for (const p of read.problems) errors.push(`${where}: ${at(p, { column: false })}${p.message}`);
        return;
      }
      const value = read.value;
      if (value === null || value === undefined) return; // an empty document between ---
      findWorkloads(value, where, workloads, errors);
    });
  }
  if (!errors.length && !workloads.length) {
    errors.push(
      `${files.map((f) => f.name).join(", ")}: no workloads (${WORKLOAD_KINDS.join(", ")}) in the input; pass what kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml prints`,
    );
  }
  const defaultNamespace = options.defaultNamespace ?? "default";
  const namespaceOf = (o: Record<string, unknown>) =>
    isMapping(o.metadata) && typeof o.metadata.namespace === "string" ? o.metadata.namespace : defaultNamespace;
  const inNamespaces = options.namespaces ? workloads.filter((w) => options.namespaces!.includes(namespaceOf(w.object))) : workloads;
  if (!errors.length && !inNamespaces.length) {
    const present = [...new Set(workloads.map((w) => namespaceOf(w.object)))].sort();
    errors.push(
      `${files.map((f) => f.name).join(", ")}: no workloads in namespace${options.namespaces!.length === 1 ? "" : "s"} ${options.namespaces!.join(", ")} (--namespace); the input has workloads in ${present.join(", ")}`,
    );
  }

  const controllers = controllerIndex(workloads, namespaceOf);
  const uses: Use[] = [];
  const ownerNotInInput: string[] = [];
  for (const w of inNamespaces) {
    const owner = controllerOf(w.object);
    if (owner && (controllers.has(`uid:${owner.uid}`) || controllers.has(`${namespaceOf(w.object)}/${owner.kind}/${owner.name}`))) continue;
    if (owner)
      ownerNotInInput.push(
        `${label(w.object)} is controlled by ${owner.kind}/${owner.name}, which is not in the input: its own pod template was read`,
      );
    const use = podTemplateUse(w, namespaceOf(w.object), options.baseRoleArn, errors);
    if (use) uses.push(use);
  }
  if (errors.length) throw new ValidationError(errors.join("\n"));
  return { ...mapServiceAccounts(uses, options), ownerNotInInput };
}

/** Groups uses by service account: one role maps, two roles or a default service account conflict. */
function mapServiceAccounts(uses: readonly Use[], options: Kube2iamImportOptions): Kube2iamImport & Omit<Kube2iamNotes, "ownerNotInInput"> {
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
    const workloads = [...new Set(annotated.map((u) => u.workload))].sort();
    if (roles.length > 1) {
      const reason = `used with ${roles.length} roles (${roles.join(", ")}) by ${workloads.join(", ")}; Pod Identity maps one role per service account — give each workload its own service account`;
      conflicts.push({ namespace, serviceAccountName, roles, workloads, reason });
      continue;
    }
    if (serviceAccountName === "default" && !options.allowDefaultServiceAccount) {
      const reason = `the namespace's default service account, used with ${roles[0]} by ${workloads.join(", ")}: with Pod Identity every pod in ${namespace} that names no service account would get that role — give ${workloads.length === 1 ? "it its" : "them their"} own service account, or pass --allow-default-service-account`;
      conflicts.push({ namespace, serviceAccountName, roles, workloads, reason });
      continue;
    }
    podRoles.push({ namespace, serviceAccountName, mechanism: "podIdentity", roleARN: roles[0] });
    const plain = [...new Set(list.filter((u) => !u.role).map((u) => u.workload))];
    if (plain.length)
      sharedWithUnannotated.push(
        `${key} is also used by ${plain.join(", ")} without the annotation: with Pod Identity those pods get ${roles[0]} too — give them their own service account`,
      );
  }
  return { podRoles, conflicts, trustStatements: trustStatements(podRoles, options.clusterArn), sharedWithUnannotated };
}

/** Collects the workloads of one document, unfolding kubectl's `List`s. */
function findWorkloads(value: unknown, where: string, out: Found[], errors: string[]): void {
  if (!isMapping(value) || typeof value.kind !== "string") {
    errors.push(`${where}: not a Kubernetes object (no kind); pass manifests such as kubectl get deploy -o yaml prints`);
    return;
  }
  if (value.kind === "List" || value.kind.endsWith("List")) {
    if (!Array.isArray(value.items))
      return void errors.push(`${where}: ${value.kind} has no items list; pass kubectl's -o yaml output unchanged`);
    value.items.forEach((item, i) => findWorkloads(item, `${where}, items[${i}]`, out, errors));
    return;
  }
  if ((WORKLOAD_KINDS as readonly string[]).includes(value.kind)) out.push({ where, object: value }); // Services, ConfigMaps, ...: nothing to migrate
}

/** Every workload of the input, by uid and by namespace/kind/name, to recognise controllers. */
function controllerIndex(workloads: readonly Found[], namespaceOf: (o: Record<string, unknown>) => string): Set<string> {
  const keys = new Set<string>();
  for (const { object } of workloads) {
    const metadata = isMapping(object.metadata) ? object.metadata : {};
    if (typeof metadata.uid === "string") keys.add(`uid:${metadata.uid}`);
    keys.add(`${namespaceOf(object)}/${String(object.kind)}/${String(metadata.name)}`);
  }
  return keys;
}

/** The `ownerReferences` entry with `controller: true`, if any. */
function controllerOf(o: Record<string, unknown>): { kind: string; name: string; uid: string } | undefined {
  const refs = isMapping(o.metadata) && Array.isArray(o.metadata.ownerReferences) ? o.metadata.ownerReferences : [];
  const ref = refs.find((r): r is Record<string, unknown> => isMapping(r) && r.controller === true);
  return ref && { kind: String(ref.kind), name: String(ref.name), uid: String(ref.uid) };
}

function podTemplateUse(
  { where, object: value }: Found,
  namespace: string,
  baseRoleArn: string | undefined,
  errors: string[],
): Use | undefined {
  const name = label(value).split("/")[1];
  const template = podTemplate(value);
  if (!template)
    return void errors.push(
      `${where}: ${value.kind}/${name} has no pod template where Kubernetes puts it (${templatePath(String(value.kind))})`,
    );
  const annotations = isMapping(template.metadata) && isMapping(template.metadata.annotations) ? template.metadata.annotations : {};
  const spec = isMapping(template.spec) ? template.spec : {};
  const serviceAccount = spec.serviceAccountName ?? spec.serviceAccount ?? "default";
  if (typeof serviceAccount !== "string") return void errors.push(`${where}: ${value.kind}/${name}: serviceAccountName must be a string`);
  const annotation = annotations[ANNOTATION];
  let role: string | undefined;
  if (annotation !== undefined) {
    role = roleArn(String(annotation), baseRoleArn);
    if (!role) {
      return void errors.push(
        `${where}: ${value.kind}/${name}: ${ANNOTATION}: ${JSON.stringify(annotation)} is a role name; pass --base-role-arn (kube2iam's, e.g. arn:aws:iam::111122223333:role/) or annotate the full role ARN`,
      );
    }
    const notRole = principalKindProblem(role, "role");
    if (notRole) return void errors.push(`${where}: ${value.kind}/${name}: ${ANNOTATION}: ${notRole}`);
  }
  return { namespace, serviceAccountName: serviceAccount, workload: label(value), role };
}

function label(o: Record<string, unknown>): string {
  const name = isMapping(o.metadata) && typeof o.metadata.name === "string" ? o.metadata.name : "(unnamed)";
  return `${String(o.kind)}/${name}`;
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
