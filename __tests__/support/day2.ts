import { execFile } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { TfJson } from "./environment";
import { Moto } from "./moto";
import { TerraformDir, withoutBackend } from "./terraform";

/**
 * Day-2 harness: apply a base environment to moto once, then plan edits on copies of its state.
 *
 * moto applies the network, IAM, KMS, logs, the cluster, node groups and the bastion, but has no
 * EKS access entries, add-ons or Pod Identity associations. So:
 * - the base apply uses the stack without those resources (`motoAppliable`);
 * - a second state, "seeded", adds them as Terraform would have recorded them (the full stack's
 *   planned values, unknowns filled from the provider schema);
 * - each edit is planned twice: the moto-appliable stack on the applied state with a real refresh
 *   (every resource moto has), and the full stack on the seeded state with `-refresh=false` (the
 *   resources moto lacks: the graph Terraform plans from the synthesized JSON and the state).
 */

/** Resource types moto cannot create or read. */
export const NOT_IN_MOTO = [
  "aws_eks_access_entry",
  "aws_eks_access_policy_association",
  "aws_eks_addon",
  "aws_eks_pod_identity_association",
];

/** What a planned change does to a resource. */
export type ChangeClass = "create" | "update" | "create-before-destroy" | "destroy-before-create" | "delete";

/** `resource_changes[].change.actions` → a class; undefined for no-op and read. */
export function classify(actions: string[]): ChangeClass | undefined {
  switch (actions.join(",")) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "create,delete":
      return "create-before-destroy";
    case "delete,create":
      return "destroy-before-create";
    case "delete":
      return "delete";
    default:
      return undefined;
  }
}

const run = promisify(execFile);

function addressesIn(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === "string") {
    for (const m of value.matchAll(/\b((?:data\.)?aws_[a-z0-9_]+|terraform_data)\.([A-Za-z0-9_-]+)/g)) out.add(`${m[1]}.${m[2]}`);
  } else if (Array.isArray(value)) {
    for (const v of value) addressesIn(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) addressesIn(v, out);
  }
  return out;
}

/**
 * The stack without what moto cannot apply: those resources, `depends_on` entries naming them, and
 * whatever references them (outputs, data sources only they used, e.g. add-on version look-ups).
 */
export function motoAppliable(stack: TfJson): TfJson {
  const copy = withoutBackend(stack);
  const removed = new Set<string>();
  for (const type of NOT_IN_MOTO) {
    for (const name of Object.keys(copy.resource?.[type] ?? {})) removed.add(`${type}.${name}`);
    delete copy.resource?.[type];
  }
  // Data sources only the removed resources read.
  const used = new Set<string>();
  for (const section of ["resource", "data", "output", "locals"] as const) addressesIn(copy[section], used);
  for (const [type, byName] of Object.entries(copy.data ?? {})) {
    for (const name of Object.keys(byName as object)) {
      if (!used.has(`data.${type}.${name}`) && type === "aws_eks_addon_version") delete (byName as any)[name];
    }
    if (Object.keys(byName as object).length === 0) delete copy.data![type];
  }
  for (const byName of Object.values(copy.resource ?? {})) {
    for (const body of Object.values(byName as Record<string, any>)) {
      if (body.depends_on) body.depends_on = body.depends_on.filter((d: string) => !removed.has(d));
    }
  }
  for (const [name, output] of Object.entries(copy.output ?? {})) {
    if ([...addressesIn(output, new Set())].some((a) => removed.has(a))) delete copy.output![name];
  }
  return copy;
}

/**
 * What moto answers differently from AWS on a re-plan, ignored in the test's override file so a
 * no-edit plan shows no changes. Exactly these attributes; the stack's own `ignore_changes` are kept
 * (an override's `lifecycle.ignore_changes` replaces the original list).
 * - aws_instance: moto reports a public address association on an interface created without one
 *   (which forces replacement), and does not report `monitoring` as set by MonitorInstances.
 * - aws_vpc_security_group_ingress_rule: moto drops the description of a rule that refers to a
 *   security group.
 * (The rest is fixed in moto itself, closer to what AWS returns: ./moto-eks/sitecustomize.py.)
 */
const MOTO_FALSE_DIFFS: Record<string, string[]> = {
  aws_instance: ["associate_public_ip_address", "monitoring"],
  aws_vpc_security_group_ingress_rule: ["description"],
};

/** A `*_override.tf.json` document ignoring moto's false diffs on the stack's resources. */
export function falseDiffOverride(stack: TfJson): object {
  const resource: Record<string, Record<string, object>> = {};
  for (const [type, extra] of Object.entries(MOTO_FALSE_DIFFS)) {
    for (const [name, body] of Object.entries(stack.resource?.[type] ?? {})) {
      const own: string[] = (body as any).lifecycle?.ignore_changes ?? [];
      const keep = own.filter((path) => !extra.some((e) => path === e || path.startsWith(`${e}[`) || path.startsWith(`${e}.`)));
      resource[type] ??= {};
      resource[type][name] = { lifecycle: { ignore_changes: [...keep, ...extra] } };
    }
  }
  return Object.keys(resource).length ? { resource } : {};
}

/**
 * moto for day-2 tests: `Moto.start()` with ./moto-eks/sitecustomize.py loaded, which gives EKS
 * clusters the security group and accessConfig AWS returns (see that file).
 */
export async function startMotoForDay2(): Promise<Moto> {
  const saved = process.env.PYTHONPATH;
  process.env.PYTHONPATH = [join(__dirname, "moto-eks"), saved].filter(Boolean).join(":");
  try {
    return await Moto.start();
  } finally {
    if (saved === undefined) delete process.env.PYTHONPATH;
    else process.env.PYTHONPATH = saved;
  }
}

/** One planned edit: changes (no-ops left out) by address. */
export type PlannedChanges = Record<string, ChangeClass>;

/** A placeholder value of a schema type, for attributes Terraform only knows after apply. */
function placeholder(type: unknown, address: string, attribute: string): unknown {
  if (type === "string" && /(^|_)arn$/.test(attribute)) return `arn:aws:eks:eu-west-1:123456789012:seeded/${address}`;
  if (type === "string" && /_at$/.test(attribute)) return "2026-01-01T00:00:00Z";
  if (type === "string") return `seeded-${attribute}`;
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [];
  if (Array.isArray(type) && type[0] === "map") return {};
  throw new Error(`${address}: no placeholder for ${attribute} of type ${JSON.stringify(type)}`);
}

function fillUnknowns(after: any, unknown: any, schema: any, address: string): any {
  const out = { ...after };
  for (const [key, isUnknown] of Object.entries(unknown ?? {})) {
    if (isUnknown === true)
      out[key] = placeholder(schema.block.attributes?.[key]?.type ?? (schema.block.block_types?.[key] ? ["list"] : "string"), address, key);
  }
  for (const key of Object.keys(schema.block.attributes ?? {})) if (!(key in out)) out[key] = null;
  return out;
}

/** An applied base environment: a Terraform directory with moto state, and the seeded state beside it. */
export class Day2Base {
  readonly tf = new TerraformDir();
  private seededState?: string;
  private full?: TfJson;

  constructor(readonly moto: Moto) {}

  private writeStack(tf: TerraformDir, stack: TfJson): void {
    tf.write("cdk.tf.json", stack);
    // The account id is read from moto (STS), as the provider does against AWS: with it unknown,
    // a rule naming a security group reads back as "<account>/sg-…" and differs on every plan.
    const provider = this.moto.providerOverride() as { provider: { aws: Record<string, unknown> } };
    tf.write("moto_override.tf.json", { provider: { aws: { ...provider.provider.aws, skip_requesting_account_id: false } } });
    const override = falseDiffOverride(stack);
    tf.write("moto_false_diffs_override.tf.json", override);
  }

  /** init + apply of the moto-appliable part of `stack`; returns the apply log. */
  async apply(stack: TfJson): Promise<string> {
    this.full = withoutBackend(stack);
    this.writeStack(this.tf, motoAppliable(stack));
    if (!existsSync(join(this.tf.dir, ".terraform"))) await this.tf.terraform("init", "-input=false");
    return this.tf.terraform("apply", "-input=false", "-lock=false", "-auto-approve", "-parallelism=20");
  }

  /** Destroys what `apply` created; returns the log. */
  async destroy(stack: TfJson): Promise<string> {
    this.writeStack(this.tf, motoAppliable(stack));
    return this.tf.terraform("destroy", "-input=false", "-lock=false", "-auto-approve", "-parallelism=20");
  }

  /**
   * The applied state plus the resources moto lacks, as the full stack plans them on it
   * (Terraform's own planned values; attributes known only after apply get schema-typed placeholders).
   */
  async seed(): Promise<void> {
    const dir = this.scratch();
    try {
      this.writeStack(dir, this.full!);
      await dir.terraform("plan", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan");
      const plan = JSON.parse(await dir.terraform("show", "-json", "tfplan"));
      const schemas = JSON.parse(await dir.terraform("providers", "schema", "-json")).provider_schemas;
      const aws = Object.entries(schemas).find(([k]) => k.endsWith("/aws"))![1] as any;
      const state = JSON.parse(readFileSync(join(this.tf.dir, "terraform.tfstate"), "utf8"));
      for (const change of plan.resource_changes ?? []) {
        if (!NOT_IN_MOTO.includes(change.type) || change.change.actions.join() !== "create") continue;
        const schema = aws.resource_schemas[change.type];
        state.resources.push({
          mode: "managed",
          type: change.type,
          name: change.name,
          provider: `provider["${change.provider_name}"]`,
          instances: [
            {
              schema_version: schema.version ?? 0,
              attributes: fillUnknowns(change.change.after, change.change.after_unknown, schema, change.address),
              sensitive_attributes: [],
            },
          ],
        });
      }
      state.serial += 1;
      // What the first plan could not know (an attribute computed from another resource in the
      // same plan) is now known: record it as the apply would have, until the plan is settled.
      for (let round = 0; round < 2; round++) {
        writeFileSync(join(dir.dir, "terraform.tfstate"), JSON.stringify(state));
        await dir.terraform("plan", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan");
        const again = JSON.parse(await dir.terraform("show", "-json", "tfplan"));
        const updates = (again.resource_changes ?? []).filter(
          (c: any) => NOT_IN_MOTO.includes(c.type) && c.change.actions.join() === "update",
        );
        if (!updates.length) break;
        for (const change of updates) {
          const resource = state.resources.find((r: any) => r.mode === "managed" && r.type === change.type && r.name === change.name);
          const attributes = resource.instances[0].attributes;
          for (const [key, value] of Object.entries(change.change.after ?? {}))
            if (change.change.after_unknown?.[key] !== true) attributes[key] = value;
        }
        state.serial += 1;
      }
      this.seededState = JSON.stringify(state, null, 2);
    } finally {
      dir.remove();
    }
  }

  /** A working directory sharing the base's providers (no init). */
  private scratch(): TerraformDir {
    const dir = new TerraformDir();
    symlinkSync(join(this.tf.dir, ".terraform"), join(dir.dir, ".terraform"));
    copyFileSync(join(this.tf.dir, ".terraform.lock.hcl"), join(dir.dir, ".terraform.lock.hcl"));
    return dir;
  }

  /** The last plan's changed attribute paths of updated and replaced resources, by address (for reports). */
  readonly details: Record<string, string[]> = {};

  private async planIn(
    stack: TfJson,
    state: string,
    refresh: boolean,
  ): Promise<{ changes: PlannedChanges; json: any; details: Record<string, string[]>; moved: Record<string, string> }> {
    const dir = this.scratch();
    try {
      this.writeStack(dir, stack);
      writeFileSync(join(dir.dir, "terraform.tfstate"), state);
      await dir.terraform("plan", "-input=false", "-lock=false", `-refresh=${refresh}`, "-parallelism=20", "-out=tfplan");
      const json = JSON.parse(await dir.terraform("show", "-json", "tfplan"));
      const changes: PlannedChanges = {};
      const details: Record<string, string[]> = {};
      const moved: Record<string, string> = {};
      for (const c of json.resource_changes ?? []) {
        const cls = c.mode === "managed" ? classify(c.change.actions) : undefined;
        if (cls) changes[c.address] = cls;
        // A `moved` block: the resource keeps its state under a new address.
        if (c.previous_address && c.previous_address !== c.address) moved[c.address] = c.previous_address;
        if (cls === "update" || cls === "create-before-destroy" || cls === "destroy-before-create") {
          details[c.address] = changedPaths(c.change.before, c.change.after, c.change.after_unknown, c.change.replace_paths);
        }
      }
      return { changes, json, details, moved };
    } finally {
      dir.remove();
    }
  }

  /**
   * Plans `stack` (the edited environment) on copies of the base's state: the resources moto has
   * with a refresh against moto, the ones it lacks from the seeded state.
   */
  async plan(stack: TfJson): Promise<{ changes: PlannedChanges; details: Record<string, string[]>; moved: Record<string, string> }> {
    if (!this.seededState) throw new Error("seed() the base before planning edits");
    const applied = readFileSync(join(this.tf.dir, "terraform.tfstate"), "utf8");
    const real = await this.planIn(motoAppliable(stack), applied, true);
    const seeded = await this.planIn(withoutBackend(stack), this.seededState, false);
    const out: PlannedChanges = { ...real.changes };
    const details = { ...real.details };
    for (const [address, cls] of Object.entries(seeded.changes)) {
      if (!NOT_IN_MOTO.includes(address.split(".")[0])) continue;
      out[address] = cls;
      if (seeded.details[address]) details[address] = seeded.details[address];
    }
    const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    return { changes: sorted(out), details: sorted(details), moved: sorted(real.moved) };
  }
}

/** Attribute paths that differ between before and after (unknown after counts as a change); replacing ones marked "(forces replacement)". */
export function changedPaths(before: any, after: any, unknown: any, replacePaths: any[][] = []): string[] {
  const out: string[] = [];
  const forcing = new Set(replacePaths.map((p) => p.join(".")));
  const walk = (b: any, a: any, u: any, path: string[]) => {
    if (u === true) {
      out.push(path.join("."));
      return;
    }
    const objects = (v: any) => v && typeof v === "object";
    if (objects(a) || objects(b) || objects(u)) {
      const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {}), ...Object.keys(objects(u) ? u : {})]);
      const before = JSON.stringify(b ?? null);
      const after = JSON.stringify(a ?? null);
      if (before === after && !JSON.stringify(u ?? {}).includes("true")) return;
      if (Array.isArray(a) !== Array.isArray(b) && a && b) {
        out.push(path.join("."));
        return;
      }
      for (const k of keys) walk(b?.[k], a?.[k], objects(u) ? u[k] : undefined, [...path, k]);
      return;
    }
    if (JSON.stringify(b ?? null) !== JSON.stringify(a ?? null)) out.push(path.join("."));
  };
  walk(before, after, unknown, []);
  const top = [
    ...new Set(
      out.map((p) =>
        p
          .split(".")
          .filter((s) => !/^\d+$/.test(s))
          .join("."),
      ),
    ),
  ];
  return top.map((p) =>
    forcing.has(p) ||
    [...forcing].some(
      (f) =>
        f
          .split(".")
          .filter((s) => !/^\d+$/.test(s))
          .join(".") === p,
    )
      ? `${p} (forces replacement)`
      : p,
  );
}

/** Runs `tasks` with at most `limit` at a time; results in order. */
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Runs a Python snippet with boto3 against moto; returns its stdout parsed as JSON. */
export async function motoQuery(moto: Moto, region: string, script: string): Promise<any> {
  const prelude = `import boto3, json\ndef client(s): return boto3.client(s, endpoint_url=${JSON.stringify(moto.url)}, region_name=${JSON.stringify(region)}, aws_access_key_id="test", aws_secret_access_key="test")\n`;
  const { stdout } = await run("python3", ["-c", prelude + script]);
  return JSON.parse(stdout);
}
