"use strict";
// Part of npm run bench: the default environment's synth time and peak memory on each leg of the
// compatibility matrix (cdktf 0.21 + provider-aws 20.1.0 / 21.22.1, CDK Terrain 0.24), next to each
// leg's floor (node loading that leg's cdktf, constructs and the provider modules the app uses).
// The legs are installed once by `npm run test:compat -- --work=<dir>` and reused.
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, rmSync, statSync } = require("node:fs");
const { join } = require("node:path");
const { providerModules, floorScript } = require("./provider-modules");

const root = join(__dirname, "..");
const LEGS_DIR = process.env.BENCH_LEGS_DIR || join(root, "node_modules", ".cache", "private-eks-compat");
const LEG_TITLES = {
  a: "cdktf 0.21 + provider-aws 20.1.0",
  b: "cdktf 0.21 + provider-aws 21.22.1",
  c: "cdktn 0.24 + @cdktn/provider-aws 25.x",
};

/** The newest modification time of anything under a directory. */
function newest(dir) {
  return Math.max(
    statSync(dir).mtimeMs,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

const installed = (leg) => join(LEGS_DIR, `leg-${leg}`, "node_modules", "cdktf-private-eks");

/** Installs the legs (about a minute, from the registry) unless an earlier bench left them, built from today's dist. */
function ensureLegs() {
  const built = newest(join(root, "dist"));
  if (Object.keys(LEG_TITLES).every((leg) => existsSync(installed(leg)) && statSync(installed(leg)).mtimeMs > built)) return true;
  process.stdout.write(`installing the compatibility legs into ${LEGS_DIR} (npm run test:compat -- --work=...)\n`);
  const r = spawnSync(process.execPath, [join(__dirname, "compat-matrix.js"), `--work=${LEGS_DIR}`], { encoding: "utf8" });
  if (r.status !== 0)
    process.stdout.write(
      `${r.stdout
        .split("\n")
        .filter((l) => l.includes("FAIL"))
        .join("\n")}\n`,
    );
  return Object.keys(LEG_TITLES).every((leg) => existsSync(installed(leg)));
}

/** Rows for the bench table: floor and default-environment synth per leg. */
function benchLegs(bench) {
  if (!ensureLegs()) return [{ label: "legs: could not be installed (see npm run test:compat)", wall: NaN, mib: NaN }];
  const modules = providerModules(root);
  const rows = [];
  for (const [leg, title] of Object.entries(LEG_TITLES)) {
    const app = join(LEGS_DIR, `leg-${leg}`);
    const out = join(app, "out-bench");
    const floor = bench(`leg ${leg} (${title}): floor`, process.execPath, ["-e", floorScript(modules)], {}, app);
    const synth = bench(`leg ${leg} (${title}): synth default env`, process.execPath, ["synth-environments.js", out, "dev.yaml"], {}, app);
    rows.push(floor, { ...synth, floor: floor.wall });
    rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

module.exports = { benchLegs };
