"use strict";
// npm run bench: median wall time and peak memory of synthesizing, next to the floor (a bare node
// process that only loads cdktf and the provider modules the app uses). Prints figures; asserts nothing.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } = require("node:fs");
const { largeEnvironment, toYaml } = require("./generate-environments");
const { providerModules, floorScript } = require("./provider-modules");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const root = join(__dirname, "..");
require("./build").ensureBuilt();
const RUNS = Number(process.env.BENCH_RUNS || 7);
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Runs a command once; returns wall seconds and peak RSS in MiB (of the whole process tree). */
function measure(command, args, env, cwd = root) {
  const started = process.hrtime.bigint();
  const wrapped = TIME ? [TIME, ["-f", "%M", command, ...args]] : [command, args];
  const r = spawnSync(wrapped[0], wrapped[1], { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stderr}`);
  const kib = TIME ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { wall, mib: kib / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bench(label, command, args, env = {}, cwd = root, runs = RUNS) {
  measure(command, args, env, cwd); // warm the file cache
  const results = Array.from({ length: runs }, () => measure(command, args, env, cwd));
  return { label, wall: median(results.map((r) => r.wall)), mib: Math.max(...results.map((r) => r.mib)) };
}

/** A directory with config/ holding the given environments, to run the app in. */
function workspace(environments) {
  const dir = mkdtempSync(join(tmpdir(), "private-eks-bench-ws-"));
  mkdirSync(join(dir, "config"));
  for (const env of environments)
    writeFileSync(join(dir, "config", `${env.name}.yaml`), typeof env.yaml === "string" ? env.yaml : toYaml(env));
  return dir;
}

function main() {
  const out = mkdtempSync(join(tmpdir(), "private-eks-bench-"));
  const env = { CDKTF_OUTDIR: out, PRIVATE_EKS_CONFIG: "config/dev.yaml" };
  const modules = providerModules(root);
  const main = join(root, "dist", "main.js");
  const dev = readFileSync(join(root, "config", "dev.yaml"), "utf8");
  const scaleRuns = Math.max(3, Math.min(RUNS, 5));
  const sized = [250, 500, 1000].map((entries) => {
    const ws = workspace([largeEnvironment({ name: `e${entries}`, entries, podRoles: 300 })]);
    return {
      entries,
      ws,
      row: bench(
        `${entries} access entries (2 policies each) + 300 pod roles`,
        process.execPath,
        [main],
        { CDKTF_OUTDIR: join(ws, "out") },
        ws,
        scaleRuns,
      ),
    };
  });
  const twenty = workspace(
    Array.from({ length: 20 }, (_, i) => ({
      name: `env${i}`,
      yaml: dev.replace(/^name: dev$/m, `name: env${i}`).replace("10.0.0.0/16", `10.${i}.0.0/16`),
    })),
  );
  const rows = [
    bench(`floor: node loading cdktf + ${modules.length} provider modules`, process.execPath, ["-e", floorScript(modules)]),
    bench("synth default env: node dist/main.js", process.execPath, ["dist/main.js"], env),
    bench("synth default env: node scripts/synth.js (cdktf.json app: stale check + app)", process.execPath, ["scripts/synth.js"], env),
    bench("synth default env: npm run synth (adds npm's own start-up)", "npm", ["run", "--silent", "synth"], env),
  ];
  const one = rows[1];
  const twentyRow = bench(
    "20 environments in one run (node dist/main.js)",
    process.execPath,
    [main],
    { CDKTF_OUTDIR: join(twenty, "out") },
    twenty,
    scaleRuns,
  );
  rows.push(...sized.map((s) => s.row), twentyRow);
  const floor = rows[0].wall;
  console.log(`runs per case: ${RUNS} (median wall, max peak RSS)${TIME ? "" : "; peak RSS needs /usr/bin/time"}`);
  console.log("| case | wall (s) | peak RSS (MiB) | × floor |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows)
    console.log(
      `| ${r.label} | ${r.wall.toFixed(3)} | ${Number.isNaN(r.mib) ? "n/a" : r.mib.toFixed(0)} | ${(r.wall / floor).toFixed(2)} |`,
    );
  // The review: default environment, and the 1,000-entry one against a base (the same environment
  // before one more grant was added), as the plan workflow runs it.
  const cli = join(root, "bin", "private-eks.js");
  const large = sized.find((s) => s.entries === 1000);
  const edited = largeEnvironment({ name: "e1000", entries: 1001, podRoles: 300 });
  const head = workspace([edited]);
  measure(process.execPath, [main], { CDKTF_OUTDIR: join(head, "out") }, head);
  const reviewRows = [
    bench("review default env (node bin/private-eks.js review)", process.execPath, [
      cli,
      "review",
      "--dir",
      out,
      "--out",
      join(out, "review.md"),
    ]),
    bench(
      "review 1,000 entries + 300 pod roles with --base",
      process.execPath,
      [cli, "review", "--dir", join(head, "out"), "--base", join(large.ws, "out"), "--out", join(head, "review.md")],
      {},
      root,
      scaleRuns,
    ),
  ];
  for (const r of reviewRows)
    console.log(
      `| ${r.label} | ${r.wall.toFixed(3)} | ${Number.isNaN(r.mib) ? "n/a" : r.mib.toFixed(0)} | ${(r.wall / floor).toFixed(2)} |`,
    );
  // The same synth on each leg of the compatibility matrix, next to that leg's own floor.
  for (const r of require("./bench-legs").benchLegs(bench)) {
    console.log(
      `| ${r.label} | ${r.wall.toFixed(3)} | ${Number.isNaN(r.mib) ? "n/a" : r.mib.toFixed(0)} | ${r.floor ? `${(r.wall / r.floor).toFixed(2)} (leg floor)` : ""} |`,
    );
  }
  const [a, , c] = sized;
  const perEntry = ((c.row.wall - a.row.wall) / (c.entries - a.entries)) * 1000;
  console.log("");
  console.log(
    `scale: ${perEntry.toFixed(2)} ms per access entry (+2 associations), from 250 → 1000 entries; 500 entries: ${sized[1].row.wall.toFixed(3)} s (linear would be ${(a.row.wall + (perEntry / 1000) * 250).toFixed(3)} s)`,
  );
  console.log(
    `targets: 1,000 entries ${c.row.wall.toFixed(2)} s (< 2 s) and ${c.row.mib.toFixed(0)} MiB (< 400 MiB); 20 environments ${(twentyRow.wall / one.wall).toFixed(1)}× one environment (< 5×); default synth ${(one.wall / floor).toFixed(2)}× the floor (< 2×)`,
  );
  console.log(
    `review targets: default ${reviewRows[0].wall.toFixed(2)} s (< 1.5 s), 1,000 entries with --base ${reviewRows[1].wall.toFixed(2)} s (< 3 s)`,
  );
  for (const dir of [out, twenty, head, ...sized.map((s) => s.ws)]) rmSync(dir, { recursive: true, force: true });
  // Critical paths of a fresh create and of a one-minor upgrade, from the synthesized dependency graph.
  require("./critical-path").printCriticalPaths(root);
  // The test suite's own speed (BENCH_SUITE=0 skips it: it runs the whole suite once).
  if (process.env.BENCH_SUITE !== "0") require("./bench-suite").benchSuite();
}

main();
