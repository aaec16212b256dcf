"use strict";
// npm run bench: median wall time and peak memory of synthesizing, next to the floor (a bare node
// process that only loads cdktf and the provider modules the app uses). Prints figures; asserts nothing.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const root = join(__dirname, "..");
require("./build").ensureBuilt();
const RUNS = Number(process.env.BENCH_RUNS || 7);
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Provider modules the compiled app requires (deep imports), for the floor. */
function providerModules() {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) for (const m of readFileSync(path, "utf8").matchAll(/require\("(@cdktf\/provider-[a-z]+\/lib\/[^"]+)"\)/g)) found.add(m[1]);
    }
  };
  for (const dir of ["lib", "modules", "stacks"]) walk(join(root, "dist", dir));
  return [...found].sort();
}

/** Runs a command once; returns wall seconds and peak RSS in MiB (of the whole process tree). */
function measure(command, args, env) {
  const started = process.hrtime.bigint();
  const wrapped = TIME ? [TIME, ["-f", "%M", command, ...args]] : [command, args];
  const r = spawnSync(wrapped[0], wrapped[1], { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stderr}`);
  const kib = TIME ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { wall, mib: kib / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bench(label, command, args, env = {}) {
  measure(command, args, env); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => measure(command, args, env));
  return { label, wall: median(runs.map((r) => r.wall)), mib: Math.max(...runs.map((r) => r.mib)) };
}

function main() {
  const out = mkdtempSync(join(tmpdir(), "private-eks-bench-"));
  const env = { CDKTF_OUTDIR: out, PRIVATE_EKS_CONFIG: "config/dev.yaml" };
  const modules = providerModules();
  const floorScript = `require("cdktf"); require("constructs"); ${modules.map((m) => `require(${JSON.stringify(m)});`).join(" ")}`;
  const rows = [
    bench(`floor: node loading cdktf + ${modules.length} provider modules`, process.execPath, ["-e", floorScript]),
    bench("synth default env: node dist/main.js", process.execPath, ["dist/main.js"], env),
    bench("synth default env: node scripts/synth.js (cdktf.json app: stale check + app)", process.execPath, ["scripts/synth.js"], env),
    bench("synth default env: npm run synth (adds npm's own start-up)", "npm", ["run", "--silent", "synth"], env),
  ];
  const floor = rows[0].wall;
  console.log(`runs per case: ${RUNS} (median wall, max peak RSS)${TIME ? "" : "; peak RSS needs /usr/bin/time"}`);
  console.log("| case | wall (s) | peak RSS (MiB) | × floor |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.label} | ${r.wall.toFixed(3)} | ${Number.isNaN(r.mib) ? "n/a" : r.mib.toFixed(0)} | ${(r.wall / floor).toFixed(2)} |`);
  rmSync(out, { recursive: true, force: true });
}

main();
