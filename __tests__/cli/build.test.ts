import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/environment";
import { hasStackTrace } from "../support/run";

/**
 * scripts/build.js in a project of its own (the real build script and tsconfig, a one-file core/,
 * this checkout's node_modules), so a type error can be written without touching the checkout.
 */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "private-eks-build-"));
  mkdirSync(join(dir, "scripts"));
  mkdirSync(join(dir, "core"));
  copyFileSync(join(ROOT, "scripts", "build.js"), join(dir, "scripts", "build.js"));
  for (const f of ["tsconfig.json", "tsconfig.build.json"]) copyFileSync(join(ROOT, f), join(dir, f));
  writeFileSync(join(dir, "package.json"), '{ "name": "build-fixture", "version": "0.0.0" }\n');
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const build = (dir: string) => spawnSync(process.execPath, [join(dir, "scripts", "build.js")], { cwd: dir, encoding: "utf8" });

describe("scripts/build.js", () => {
  test("a type error prints the compiler's messages, no stack trace, exit 1, and the previous dist/ is kept", () => {
    // GIVEN a project built once
    const dir = project();
    writeFileSync(join(dir, "core", "a.ts"), "export const a: number = 1;\n");
    expect(build(dir).status).toBe(0);
    const before = readFileSync(join(dir, "dist", "core", "a.js"), "utf8");
    // WHEN a source gets a type error (newer than the last build)
    writeFileSync(join(dir, "core", "a.ts"), 'export const a: number = "one";\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, "core", "a.ts"), later, later);
    const r = build(dir);
    // THEN tsc's message is shown as tsc words it, without a Node stack trace
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("core/a.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(r.stderr).toContain("The TypeScript build failed: fix the errors above. dist/ still holds the previous build; nothing was run.");
    expect(hasStackTrace(r.stderr)).toBe(false);
    // AND dist/ is the previous build, and no half-built directory is left beside it
    expect(readFileSync(join(dir, "dist", "core", "a.js"), "utf8")).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith(".dist-build-"))).toEqual([]);
  });

  test("a successful build replaces dist/ whole: output of deleted sources goes", () => {
    // GIVEN a build with two sources
    const dir = project();
    writeFileSync(join(dir, "core", "a.ts"), "export const a = 1;\n");
    writeFileSync(join(dir, "core", "old.ts"), "export const old = 1;\n");
    expect(build(dir).status).toBe(0);
    // WHEN one is deleted and the build runs again
    rmSync(join(dir, "core", "old.ts"));
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, "core"), later, later);
    expect(build(dir).status).toBe(0);
    // THEN dist/ holds only current output, with its stamp
    expect(existsSync(join(dir, "dist", "core", "a.js"))).toBe(true);
    expect(existsSync(join(dir, "dist", "core", "old.js"))).toBe(false);
    expect(existsSync(join(dir, "dist", ".build-stamp"))).toBe(true);
  });
});
