"use strict";
// Part of npm run bench: the wall time of `npm test` (type-check + layer check + jest, as CI runs it) and the five
// slowest test files, from jest's own per-file timings. Prints figures; asserts nothing.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join, relative } = require("node:path");

const root = join(__dirname, "..");

function benchSuite() {
  const dir = mkdtempSync(join(tmpdir(), "private-eks-suite-"));
  const results = join(dir, "jest.json");
  const started = process.hrtime.bigint();
  const checks = spawnSync(process.execPath, [join(root, "scripts", "static-checks.js")], { cwd: root, encoding: "utf8" });
  const checksSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const jest = spawnSync(process.execPath, [join(root, "node_modules", "jest", "bin", "jest.js"), "--json", `--outputFile=${results}`], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  let files = [];
  let summary = "no jest results";
  try {
    const json = JSON.parse(readFileSync(results, "utf8"));
    files = json.testResults.map((r) => ({ file: relative(root, r.name), seconds: (r.endTime - r.startTime) / 1000 }));
    summary = `${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`;
  } catch {
    // jest failed before writing results: the summary says so
  }
  rmSync(dir, { recursive: true, force: true });
  console.log("");
  console.log(
    `npm test: ${wall.toFixed(1)} s wall (static checks ${checksSeconds.toFixed(1)} s; ${checks.status === 0 && jest.status === 0 ? "green" : "NOT green"}: ${summary}); target < 90 s on 2 cores`,
  );
  console.log("five slowest test files (jest's per-file time; files run two at a time):");
  for (const f of files.sort((a, b) => b.seconds - a.seconds).slice(0, 5))
    console.log(`  ${f.seconds.toFixed(1).padStart(6)} s  ${f.file}`);
}

module.exports = { benchSuite };
