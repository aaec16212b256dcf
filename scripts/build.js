"use strict";
// Compiles the TypeScript sources to dist/ when any of them is newer than the last build, so that
// `npm run synth`, `npx cdktf synth` and the CLI always run current code at compiled-JS speed.
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const stamp = join(root, "dist", ".build-stamp");
const SOURCES = ["main.ts", "index.ts", "lib", "cli", "modules", "stacks", "tsconfig.json", "tsconfig.build.json", "package.json"];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, entry) => Math.max(max, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Builds when a source is newer than the last build (or always, with force); a build starts from an empty dist/. */
function ensureBuilt(force = false) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (!force && SOURCES.every((s) => newestMtime(join(root, s)) <= built)) return false;
  rmSync(join(root, "dist"), { recursive: true, force: true }); // no stale output of deleted sources
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, new Date().toISOString() + "\n");
  return true;
}

module.exports = { ensureBuilt };
if (require.main === module) ensureBuilt(process.argv.includes("--force"));
