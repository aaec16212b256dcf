"use strict";
// Compiles the TypeScript sources to dist/ when any of them is newer than the last build, so that
// `npm run synth`, `npx cdktf synth` and the CLI always run current code at compiled-JS speed.
const { spawnSync } = require("node:child_process");
const { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const dist = join(root, "dist");
const stamp = join(dist, ".build-stamp");
const SOURCES = [
  "main.ts",
  "index.ts",
  "core",
  "modules",
  "environment",
  "stacks",
  "app",
  "cli",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, entry) => Math.max(max, newestMtime(join(path, entry))), stat.mtimeMs);
}

/**
 * Builds when a source is newer than the last build (or always, with force). A build compiles into
 * a fresh directory next to dist/ (so no stale output of deleted sources survives) and replaces
 * dist/ only when the compiler succeeded: a type error prints the compiler's messages, keeps the
 * previous dist/ as it was, and exits 1 without a Node stack trace.
 */
function ensureBuilt(force = false) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (!force && SOURCES.every((s) => newestMtime(join(root, s)) <= built)) return false;
  const out = mkdtempSync(join(root, ".dist-build-"));
  const tsc = spawnSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json"), "--outDir", out, "--pretty", "false"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (tsc.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    const messages =
      `${tsc.stdout ?? ""}${tsc.stderr ?? ""}`.trimEnd() || String(tsc.error ?? `tsc exited with ${tsc.status ?? tsc.signal}`);
    process.stderr.write(
      `${messages}\nThe TypeScript build failed: fix the errors above. ${existsSync(dist) ? "dist/ still holds the previous build; nothing was run." : "Nothing was run."}\n`,
    );
    process.exit(1);
  }
  writeFileSync(join(out, ".build-stamp"), new Date().toISOString() + "\n");
  swapIn(out);
  return true;
}

/** Replaces dist/ with `out`: two renames, so dist/ is never half-written. */
function swapIn(out) {
  const old = `${out}-old`;
  try {
    renameSync(dist, old);
  } catch (e) {
    if (e.code !== "ENOENT") throw e; // no dist/ yet (or another build just moved it)
  }
  try {
    renameSync(out, dist);
  } catch (e) {
    // Another build swapped its dist/ in at the same moment: both compiled the same sources.
    if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

module.exports = { ensureBuilt };
if (require.main === module) ensureBuilt(process.argv.includes("--force"));
