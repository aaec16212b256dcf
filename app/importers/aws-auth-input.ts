import { at, readYamlDocuments } from "../../core/yaml-syntax";

/** The aws-auth `data` found in an import's input, and which object it came from. */
export interface AwsAuthSource {
  readonly data: Record<string, unknown>;
  /** Set when the input held several objects: which one was read, and how many were ignored. */
  readonly note?: string;
}

const KUBECTL = "kubectl get configmap aws-auth -n kube-system -o yaml";
const MAP_KEYS = ["mapRoles", "mapUsers", "mapAccounts"];

/**
 * Finds the aws-auth ConfigMap in `text`: one ConfigMap, or its bare `data`, or — in several YAML
 * documents or a `kind: List` (`kubectl get cm -n kube-system -o yaml`) — the one ConfigMap named
 * aws-auth, the rest ignored and said so. Anything else is an error pushed to `errors`, because
 * "0 access entries imported" from the wrong file reads like a successful migration.
 */
export function readAwsAuth(text: string, file: string, errors: string[]): AwsAuthSource | undefined {
  const docs = readYamlDocuments(text);
  const several = docs.length > 1;
  const objects: Array<{ where: string; value: unknown }> = [];
  docs.forEach((read, i) => {
    const where = several ? `document ${i + 1}: ` : "";
    if ("problems" in read) {
      for (const p of read.problems) errors.push(`${file}: ${where}${at(p, { column: false })}${p.message}`);
      return;
    }
    const value = read.value;
    if (value === null || value === undefined) return; // an empty document between ---
    if (isMapping(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
      value.items.forEach((item, j) => objects.push({ where: `${several ? `document ${i + 1}, ` : ""}items[${j}]`, value: item }));
    } else objects.push({ where: `document ${i + 1}`, value });
  });
  if (errors.length) return undefined;
  if (objects.length === 1 && !objects[0].where.includes("items[")) return single(objects[0].value, file, errors);
  if (objects.length === 0) {
    errors.push(
      `${file}: expected the aws-auth ConfigMap (${KUBECTL}) or its data, got ${docs.some((d) => "empty" in d && !d.empty) ? "an empty list" : "an empty document"}`,
    );
    return undefined;
  }

  const found = objects.filter((o) => isAwsAuthConfigMap(o.value));
  if (found.length !== 1) {
    errors.push(
      found.length === 0
        ? `${file}: none of its ${objects.length} objects is the aws-auth ConfigMap (kind: ConfigMap, name: aws-auth); pass ${KUBECTL}`
        : `${file}: holds ${found.length} aws-auth ConfigMaps (${found.map((o) => o.where).join(", ")}); pass only the one of this cluster`,
    );
    return undefined;
  }
  const data = dataOf(found[0].value as Record<string, unknown>, file, errors);
  const others = objects.length - 1;
  return (
    data && {
      data,
      note: `Read ${found[0].where} (ConfigMap kube-system/aws-auth) of ${file}; ignored ${others} other object${others === 1 ? "" : "s"}.`,
    }
  );
}

/** One object: the aws-auth ConfigMap, or its bare data (mapRoles, mapUsers, mapAccounts). */
function single(root: unknown, file: string, errors: string[]): AwsAuthSource | undefined {
  if (!isMapping(root)) {
    errors.push(`${file}: expected the aws-auth ConfigMap (${KUBECTL}) or its data, got ${Array.isArray(root) ? "a list" : typeof root}`);
    return undefined;
  }
  if (root.kind === "ConfigMap") {
    const name = isMapping(root.metadata) ? root.metadata.name : undefined;
    if (name !== undefined && name !== "aws-auth") {
      const namespace = isMapping(root.metadata) && typeof root.metadata.namespace === "string" ? `${root.metadata.namespace}/` : "";
      errors.push(`${file}: is the ConfigMap ${namespace}${String(name)}, not aws-auth; pass ${KUBECTL}`);
      return undefined;
    }
    const data = dataOf(root, file, errors);
    if (data && name === undefined && !MAP_KEYS.some((k) => k in data)) {
      errors.push(`${file}: a ConfigMap without a name and without mapRoles, mapUsers or mapAccounts is not aws-auth; pass ${KUBECTL}`);
      return undefined;
    }
    return data && { data };
  }
  if (root.kind === undefined && MAP_KEYS.some((k) => k in root)) return { data: root };
  errors.push(
    `${file}: expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts)${root.kind !== undefined ? `, got kind: ${String(root.kind)}` : ""}`,
  );
  return undefined;
}

function dataOf(configMap: Record<string, unknown>, file: string, errors: string[]): Record<string, unknown> | undefined {
  if (configMap.data === undefined || configMap.data === null) return {};
  if (isMapping(configMap.data)) return configMap.data;
  errors.push(`${file}: data: expected a mapping with mapRoles, mapUsers or mapAccounts`);
  return undefined;
}

function isAwsAuthConfigMap(o: unknown): boolean {
  if (!isMapping(o) || o.kind !== "ConfigMap" || !isMapping(o.metadata)) return false;
  return o.metadata.name === "aws-auth" && (o.metadata.namespace === undefined || o.metadata.namespace === "kube-system");
}

export function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
