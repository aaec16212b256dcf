"use strict";
// The critical path of an apply, from a synthesized stack's dependency graph (depends_on and
// references in cdk.tf.json) and a nominal duration per resource type. Used by npm run bench:
// `node scripts/critical-path.js` alone prints the same figures. Estimates; asserts nothing.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

/** Nominal seconds per resource type (create or update); anything else ≈ 10 s, data sources 0 s (read at plan time). */
const SECONDS = { aws_eks_cluster: 600, aws_eks_node_group: 180, aws_eks_addon: 60, aws_nat_gateway: 120 };
const OTHER = 10;
const secondsOf = (address) => (address.startsWith("data.") ? 0 : (SECONDS[address.split(".")[0]] ?? OTHER));

/** Addresses (and the attribute read, when there is one) referenced in a value. */
function references(value, out = []) {
  if (typeof value === "string") {
    for (const m of value.matchAll(/\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?:\.([a-z0-9_]+))?/g))
      out.push({ address: m[1], attribute: m[2] });
  } else if (Array.isArray(value)) {
    for (const v of value) references(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) references(v, out);
  }
  return out;
}

/** The graph of a stack: node (resource or data source) → its body and what it waits for. */
function graph(stack) {
  const nodes = new Map();
  for (const [section, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ]) {
    for (const [type, byName] of Object.entries(stack[section] ?? {})) {
      for (const [name, body] of Object.entries(byName)) nodes.set(`${prefix}${type}.${name}`, { body, deps: [] });
    }
  }
  for (const node of nodes.values()) {
    const { depends_on: dependsOn = [], lifecycle, ...rest } = node.body;
    const refs = [...references(rest), ...dependsOn.map((address) => ({ address }))].filter((r) => nodes.has(r.address));
    node.refs = refs;
    node.deps = [...new Set(refs.map((r) => r.address))];
  }
  return nodes;
}

/** Longest path (by `weight`) through the graph; returns { seconds, path }. */
function longestPath(nodes, weight) {
  const memo = new Map();
  const visit = (address) => {
    if (memo.has(address)) return memo.get(address);
    let best = { seconds: 0, path: [] };
    for (const dep of nodes.get(address).deps) {
      const r = visit(dep);
      if (r.seconds > best.seconds) best = r;
    }
    const own = weight(address);
    const result = { seconds: best.seconds + own, path: own > 0 ? [...best.path, address] : best.path };
    memo.set(address, result);
    return result;
  };
  let best = { seconds: 0, path: [] };
  for (const address of nodes.keys()) {
    const r = visit(address);
    if (r.seconds > best.seconds) best = r;
  }
  return best;
}

/** Critical path of creating everything in `stack`. */
function createPath(stack) {
  const nodes = graph(stack);
  return longestPath(nodes, secondsOf);
}

/**
 * Critical path of moving from `before` to `after` (the same environment one minor apart): the
 * resources whose values change — their body differs, or they read the cluster's `version` or a
 * data source whose result changes — take their nominal time; the rest only carry ordering.
 */
function upgradePath(before, after) {
  const old = graph(before);
  const nodes = graph(after);
  const changed = new Set();
  for (const [address, node] of nodes) {
    if (JSON.stringify(node.body) !== JSON.stringify(old.get(address)?.body)) changed.add(address);
  }
  // Values that change without a body change: the cluster's version, and what reads a changed data source.
  let grew = true;
  while (grew) {
    grew = false;
    for (const [address, node] of nodes) {
      if (changed.has(address)) continue;
      const reads = node.refs.some(
        (r) =>
          changed.has(r.address) &&
          (r.address.startsWith("data.") || (r.address.startsWith("aws_eks_cluster.") && r.attribute === "version")),
      );
      if (reads) {
        changed.add(address);
        grew = true;
      }
    }
  }
  const result = longestPath(nodes, (address) => (changed.has(address) ? secondsOf(address) : 0));
  return { ...result, changed: [...changed].filter((a) => !a.startsWith("data.")).sort() };
}

/** A readable step: `aws_eks_addon.addons_vpc-cni (60 s)`. */
const step = (address) => `${address} (${secondsOf(address)} s)`;

/** Synthesizes one environment (YAML text) with the compiled app; returns its cluster stack's JSON. */
function synthCluster(root, yaml, name) {
  const ws = mkdtempSync(join(tmpdir(), "private-eks-critical-"));
  try {
    mkdirSync(join(ws, "config"));
    writeFileSync(join(ws, "config", `${name}.yaml`), yaml);
    const r = spawnSync(process.execPath, [join(root, "dist", "main.js")], {
      cwd: ws,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: join(ws, "out") },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`synth failed:\n${r.stderr}`);
    return JSON.parse(readFileSync(join(ws, "out", "stacks", `${name}-cluster`, "cdk.tf.json"), "utf8"));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

/** Finds the first address of a type whose name contains `part`. */
const find = (stack, type, part) => Object.keys(stack.resource?.[type] ?? {}).find((n) => n.includes(part));

/** Prints the create and upgrade critical paths of the default environment (config/dev.yaml). */
function printCriticalPaths(root = join(__dirname, "..")) {
  require("./build").ensureBuilt();
  const dev = readFileSync(join(root, "config", "dev.yaml"), "utf8");
  const version = /^\s+version:\s*"1\.(\d+)"/m.exec(dev);
  if (!version) throw new Error('config/dev.yaml: no cluster version "1.<minor>" found');
  const from = `1.${Number(version[1]) - 1}`;
  const to = `1.${version[1]}`;
  const atVersion = (v) => synthCluster(root, dev.replace(/^(\s+version:\s*)"1\.\d+"/m, `$1"${v}"`), "dev");
  const before = atVersion(from);
  const after = atVersion(to);

  const create = createPath(after);
  const cni = find(after, "aws_eks_addon", "vpc-cni");
  const coredns = find(after, "aws_eks_addon", "coredns");
  const createTarget =
    SECONDS.aws_eks_cluster + (cni ? SECONDS.aws_eks_addon : 0) + SECONDS.aws_eks_node_group + (coredns ? SECONDS.aws_eks_addon : 0);
  console.log("");
  console.log(
    `critical path, nominal seconds (cluster ${SECONDS.aws_eks_cluster}, node group ${SECONDS.aws_eks_node_group}, add-on ${SECONDS.aws_eks_addon}, NAT ${SECONDS.aws_nat_gateway}, others ${OTHER}, data sources 0)`,
  );
  console.log(`create (default environment): ${create.seconds} s — ${create.path.map(step).join(" → ")}`);
  console.log(
    `  target ≤ ${Math.round(createTarget * 1.1)} s (cluster → CNI → node group → CoreDNS = ${createTarget} s, +10%): ${create.seconds <= createTarget * 1.1 ? "met" : "NOT met"}`,
  );

  const upgrade = upgradePath(before, after);
  const addons = upgrade.changed.some((a) => a.startsWith("aws_eks_addon."));
  const upgradeTarget = SECONDS.aws_eks_cluster + SECONDS.aws_eks_addon + SECONDS.aws_eks_node_group;
  console.log(`upgrade ${from} → ${to}: ${upgrade.seconds} s — ${upgrade.path.map(step).join(" → ") || "(nothing changes)"}`);
  console.log(`  may change (their values follow the version): ${upgrade.changed.join(", ") || "none"}`);
  console.log(
    `  target ≤ ${Math.round(upgradeTarget * 1.1)} s (cluster update → add-ons → node groups = ${upgradeTarget} s, +10%): ${upgrade.seconds <= upgradeTarget * 1.1 ? "met" : "NOT met"}${addons ? "" : "; the add-ons do not change with the version"}`,
  );
  return { create, upgrade };
}

module.exports = { createPath, upgradePath, graph, longestPath, printCriticalPaths, SECONDS };

if (require.main === module) printCriticalPaths();
