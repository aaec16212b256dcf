#!/usr/bin/env node
"use strict";
// npm test's checks before jest, run side by side (each is a process of its own; together they take
// as long as the slowest): the type check, the layer check and the formatter's check.
const { spawn } = require("node:child_process");
const { join } = require("node:path");

const root = join(__dirname, "..");
const bin = (pkg, file) => join(root, "node_modules", pkg, file);
const CHECKS = [
  ["type check (tsc --noEmit)", bin("typescript", "bin/tsc"), ["--noEmit", "-p", "tsconfig.json"]],
  ["layers (scripts/check-layers.js)", join(root, "scripts", "check-layers.js"), []],
  ["format (biome format; npm run format fixes)", bin("@biomejs/biome", "bin/biome"), ["format", "--colors=off", "."]],
];

function run([name, script, args]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ name, code, output }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const r of results) {
    if (r.code === 0) continue;
    process.stderr.write(`${r.name} failed:\n${r.output.trimEnd()}\n\n`);
  }
  const failed = results.filter((r) => r.code !== 0).length;
  if (failed) process.exit(1);
  process.stdout.write(`static checks: ${results.map((r) => r.name.split(" (")[0]).join(", ")}: ok\n`);
});
