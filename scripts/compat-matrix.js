"use strict";
// npm run test:compat: the packed library installed from the registry into a fresh app on three legs,
// as platform teams install it, with an npm cache of its own (COMPAT_NPM_CACHE, default: a new empty
// one, removed afterwards):
//   a  cdktf 0.21 + @cdktf/provider-aws 20.1.0 (hashicorp/aws 5.100.0): type-check, synth, terraform validate
//   b  cdktf 0.21 + @cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25): type-check, synth
//   c  CDK Terrain 0.24 + @cdktn/provider-aws 25.x through npm aliases: type-check, synth
// Legs b and c cannot be `terraform validate`d here (only hashicorp/aws 5.100.0 is mirrored): their
// resource graphs must equal leg a's apart from provider version pins. The provider-6 options are an
// error naming the version needed on a, and synthesize on b and c. Exits 1 on any failure.
const { spawnSync } = require("node:child_process");
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require("node:fs");
const { isDeepStrictEqual } = require("node:util");
const { tmpdir, homedir } = require("node:os");
const { join } = require("node:path");

const root = join(__dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

/**
 * The legs: what a consumer's package.json holds besides cdktf-private-eks. Leg c is exactly what
 * README "cdktf, CDK Terrain and AWS provider versions" tells a CDK Terrain app to write.
 */
const LEGS = {
  a: {
    title: "cdktf 0.21 + @cdktf/provider-aws 20.1.0",
    dependencies: { cdktf: "0.21.0", constructs: "10.8.1", "@cdktf/provider-aws": "20.1.0", "@cdktf/provider-kubernetes": "12.1.1" },
    validate: true,
  },
  b: {
    title: "cdktf 0.21 + @cdktf/provider-aws 21.22.1",
    dependencies: { cdktf: "0.21.0", constructs: "10.8.1", "@cdktf/provider-aws": "21.22.1", "@cdktf/provider-kubernetes": "12.1.1" },
  },
  c: {
    title: "CDK Terrain: cdktn 0.24 + @cdktn/provider-aws 25.x (npm aliases)",
    dependencies: {
      cdktf: "npm:cdktn@0.24.0",
      cdktn: "0.24.0",
      constructs: "10.7.0",
      "@cdktf/provider-aws": "npm:@cdktn/provider-aws@25.7.0",
      "@cdktf/provider-kubernetes": "12.1.1",
    },
    // @cdktf/provider-kubernetes 12 asks for cdktf ^0.21 (no CDK Terrain build exists): let it use the aliased cdktf.
    overrides: { "@cdktf/provider-kubernetes": { cdktf: "$cdktf" } },
  },
};

const ENVIRONMENTS = [join(root, "config", "dev.yaml"), join(root, "__tests__", "fixtures", "optional-peer", "migrating.yaml")];
const AWS6_OPTIONS_ON_AWS5 = [
  "cluster.deletionProtection: needs hashicorp/aws 6.9 or later (aws_eks_cluster.deletion_protection)",
  "podRoles[0].targetRoleARN: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.target_role_arn)",
  "podRoles[0].disableSessionTags: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.disable_session_tags)",
];

const failures = [];
const check = (leg, what, ok, detail = "") => {
  process.stdout.write(`  ${ok ? "ok  " : "FAIL"} ${what}${ok || !detail ? "" : `\n${detail.replace(/^/gm, "       ")}`}\n`);
  if (!ok) failures.push(`leg ${leg}: ${what}`);
  return ok;
};

function run(command, args, cwd, env = {}) {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr, seconds: (Date.now() - started) / 1000 };
}

/** The tarball `npm pack` makes, from a copy (package.json, README, bin, a freshly built dist). */
function pack(work) {
  require("./build").ensureBuilt();
  const copy = join(work, "package-source");
  for (const entry of ["package.json", "README.md", "bin", "dist"]) cpSync(join(root, entry), join(copy, entry), { recursive: true });
  const r = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], copy);
  if (r.code !== 0) throw new Error(`npm pack failed:\n${r.err}`);
  return join(
    work,
    readdirSync(work).find((f) => f.endsWith(".tgz")),
  );
}

/** Every cdk.tf.json under an output directory, keyed by stack name. */
function stacks(outdir) {
  const dir = join(outdir, "stacks");
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, JSON.parse(readFileSync(join(dir, name, "cdk.tf.json"), "utf8"))]),
  );
}

/**
 * A stack without what legitimately differs between legs: the cdktf/cdktn version in the metadata,
 * the provider version pins, the provider source spelling ("aws" and "hashicorp/aws" are the same
 * address) and the app's own directory (in local state paths).
 */
function normalize(stack, appDir) {
  const copy = JSON.parse(JSON.stringify(stack).split(appDir).join("<app>"));
  if (copy["//"]?.metadata) delete copy["//"].metadata.version;
  for (const provider of Object.values(copy.terraform?.required_providers ?? {})) {
    delete provider.version;
    if (provider.source && !provider.source.includes("/")) provider.source = `hashicorp/${provider.source}`;
  }
  return copy;
}

/** The first few paths where two JSON values differ, for a readable failure. */
function differences(a, b, path = "", out = []) {
  if (out.length >= 8 || isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], `${path}.${key}`, out);
  } else out.push(`${path || "(root)"}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`);
  return out;
}

/** hashicorp/aws 5.100.0 in a filesystem mirror: TF_PLUGIN_DIR, else the places the tests look. */
function pluginMirror() {
  if (process.env.TF_PLUGIN_DIR) return process.env.TF_PLUGIN_DIR;
  const candidates = [
    "/opt/tf-plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    join(homedir(), ".terraform.d", "plugins"),
  ];
  return candidates.find((dir) => existsSync(join(dir, "registry.terraform.io", "hashicorp", "aws", "5.100.0")));
}

function terraformValidate(stack, dir) {
  const mirror = pluginMirror();
  if (!mirror)
    return {
      valid: false,
      detail: "no filesystem mirror holding hashicorp/aws 5.100.0 found; set TF_PLUGIN_DIR (see README Requirements)",
    };
  mkdirSync(dir, { recursive: true });
  const json = JSON.parse(JSON.stringify(stack));
  delete json.terraform.backend; // validate needs no state
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(json));
  const init = run("terraform", ["init", "-backend=false", "-input=false", `-plugin-dir=${mirror}`], dir);
  if (init.code !== 0) return { valid: false, detail: init.err };
  const v = run("terraform", ["validate", "-json"], dir);
  const result = JSON.parse(v.out || "{}");
  return {
    valid: result.valid === true,
    detail: (result.diagnostics ?? []).map((d) => `${d.severity}: ${d.summary}: ${d.detail ?? ""}`).join("\n"),
  };
}

function runLeg(name, leg, work, tarball, cache) {
  process.stdout.write(`\nleg ${name}: ${leg.title}\n`);
  const app = join(work, `leg-${name}`);
  mkdirSync(app);
  for (const file of ["main.ts", "tsconfig.json", "cdktf.json"]) cpSync(join(root, "examples", "consumer", file), join(app, file));
  for (const file of ["synth-environments.js", "aws6.yaml"]) cpSync(join(root, "examples", "compat", file), join(app, file));
  for (const file of ENVIRONMENTS) cpSync(file, join(app, file.split("/").pop()));
  const manifest = {
    name: `compat-leg-${name}`,
    private: true,
    dependencies: { ...leg.dependencies, "cdktf-private-eks": `file:${tarball}` },
  };
  if (leg.overrides) manifest.overrides = leg.overrides;
  writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2));

  // A real install: npm itself checks the package's peer ranges against the leg (no --legacy-peer-deps).
  const install = run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--cache", cache], app);
  if (!check(name, `npm install with the package's peer ranges (${install.seconds.toFixed(0)} s)`, install.code === 0, install.err))
    return undefined;
  const typecheck = run(process.execPath, [tsc, "-p", "."], app);
  check(name, "type-check examples/consumer against the published .d.ts", typecheck.code === 0, typecheck.out + typecheck.err);

  const consumerOut = join(app, "out-consumer");
  const consumer = run(process.execPath, ["main.js"], app, { CDKTF_OUTDIR: consumerOut });
  check(name, "synth examples/consumer", consumer.code === 0, consumer.err);
  const envOut = join(app, "out-environments");
  const envs = run(process.execPath, ["synth-environments.js", envOut, ...ENVIRONMENTS.map((f) => f.split("/").pop())], app);
  check(name, "synth config/dev.yaml and an environment with the in-cluster stack", envs.code === 0, envs.err);
  const synthesized = consumer.code === 0 && envs.code === 0 ? { ...stacks(consumerOut), ...stacks(envOut) } : undefined;
  const graph = synthesized && Object.fromEntries(Object.entries(synthesized).map(([stack, json]) => [stack, normalize(json, app)]));

  if (leg.validate && synthesized) {
    for (const stack of ["payments-platform", "dev-cluster", "migrating-cluster"]) {
      const result = terraformValidate(synthesized[stack], join(app, "validate", stack));
      check(name, `terraform validate ${stack} (hashicorp/aws 5.100.0)`, result.valid, result.detail);
    }
  }

  const aws6 = run(process.execPath, ["synth-environments.js", join(app, "out-aws6"), "aws6.yaml"], app);
  if (leg.validate) {
    const lines = aws6.err
      .trim()
      .split("\n")
      .map((l) => l.replace(/^aws6\.yaml: /, "").replace(/, and the installed .*$/, ""));
    check(
      name,
      "provider-6 options: a config error naming the hashicorp/aws version needed",
      aws6.code === 1 && isDeepStrictEqual(lines, AWS6_OPTIONS_ON_AWS5),
      aws6.err,
    );
  } else {
    const stack = aws6.code === 0 ? stacks(join(app, "out-aws6"))["aws6-cluster"] : undefined;
    const cluster = Object.values(stack?.resource?.aws_eks_cluster ?? {})[0];
    const association = Object.values(stack?.resource?.aws_eks_pod_identity_association ?? {})[0];
    const ok =
      cluster?.deletion_protection === true &&
      association?.target_role_arn === "arn:aws:iam::444455556666:role/data-reader" &&
      association?.disable_session_tags === true;
    check(
      name,
      "provider-6 options synthesize: deletion_protection, target_role_arn, disable_session_tags",
      ok,
      aws6.err || JSON.stringify({ cluster, association }).slice(0, 600),
    );
  }
  return graph;
}

function main() {
  const only = (process.argv.find((a) => a.startsWith("--legs=")) ?? "--legs=a,b,c").slice("--legs=".length).split(",");
  // --work=<dir>: install the legs there and keep them (npm run bench times synth on each leg from it).
  const given = process.argv.find((a) => a.startsWith("--work="))?.slice("--work=".length);
  if (given) rmSync(given, { recursive: true, force: true });
  const work = given ? (mkdirSync(given, { recursive: true }), given) : mkdtempSync(join(tmpdir(), "private-eks-compat-"));
  const cache = process.env.COMPAT_NPM_CACHE || join(work, "npm-cache");
  const started = Date.now();
  try {
    const tarball = pack(work);
    const graphs = {};
    for (const name of only) graphs[name] = runLeg(name, LEGS[name], work, tarball, cache);
    if (only.some((n) => n !== "a")) {
      process.stdout.write(
        "\n!!! legs b and c are SYNTH-ONLY: no hashicorp/aws 6.x provider binary is mirrored here, so no terraform validate; their resource graphs are compared with leg a's instead !!!\n",
      );
    }
    for (const name of only.filter((n) => n !== "a")) {
      if (!graphs.a || !graphs[name]) {
        check(
          name,
          "resource graph equals leg a's (apart from provider version pins)",
          false,
          "leg a or this leg did not synthesize (run with --legs=a,...)",
        );
        continue;
      }
      const names = Object.keys(graphs.a);
      const diff = isDeepStrictEqual(names, Object.keys(graphs[name]))
        ? names.flatMap((s) => differences(graphs.a[s], graphs[name][s], s))
        : [`stacks ${names} ≠ ${Object.keys(graphs[name])}`];
      check(
        name,
        `leg ${name}: resource graph of ${names.length} stacks equals leg a's (types, addresses, dependencies, attributes; provider version pins aside)`,
        diff.length === 0,
        diff.join("\n"),
      );
    }
  } finally {
    if (given) process.stdout.write(`legs kept in ${work}\n`);
    else if (!process.argv.includes("--keep")) rmSync(work, { recursive: true, force: true });
    else process.stdout.write(`kept ${work}\n`);
  }
  process.stdout.write(
    `\ncompatibility matrix: ${failures.length ? `${failures.length} FAILED` : "all legs passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  if (failures.length) process.exitCode = 1;
}

main();
