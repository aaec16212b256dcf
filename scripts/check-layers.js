#!/usr/bin/env node
"use strict";
// npm test runs this: the shipped sources form layers, and no import points up a layer.
//   core/         problems, cidr, names, closest, IAM action data, user-file reading: imports nothing of the project
//   modules/      constructs and their pure rules
//   environment/  the environment file: schema, loading, notes
//   stacks/       the one place that turns an environment into construct options
//   app/          synthesize, review, importers
//   cli/, main.ts, index.ts   entry points
// Usage: node scripts/check-layers.js  (prints each upward import as file:line and exits 1)
const { readFileSync, readdirSync, statSync } = require("node:fs");
const { dirname, join, normalize, relative } = require("node:path");

const ROOT = join(__dirname, "..");
const LAYERS = [["core"], ["modules"], ["environment"], ["stacks"], ["app"], ["cli", "main.ts", "index.ts"]];
const rank = (file) => LAYERS.findIndex((names) => names.some((n) => file === n || file.startsWith(`${n}/`)));

function* sources(dir) {
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) yield* sources(path);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) yield path;
  }
}

const files = LAYERS.flat().flatMap((n) => (n.endsWith(".ts") ? [n] : [...sources(n)]));
const problems = [];
for (const file of files) {
  const from = rank(file);
  readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .forEach((line, i) => {
      for (const [, spec] of line.matchAll(/(?:from|import|require)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = relative(ROOT, normalize(join(ROOT, dirname(file), spec)));
        const to = rank(target);
        if (to < 0) problems.push(`${file}:${i + 1}: imports ${spec}, outside the layers (${LAYERS.flat().join(", ")})`);
        else if (to > from) problems.push(`${file}:${i + 1}: imports ${spec} (${LAYERS[to][0]}/) from a lower layer (${LAYERS[from][0]}/)`);
      }
    });
}
if (problems.length) {
  process.stderr.write(`${problems.join("\n")}\n${problems.length} import(s) point up a layer (see scripts/check-layers.js)\n`);
  process.exit(1);
}
process.stdout.write(`layers: ${files.length} files, no import points up (core → modules → environment → stacks → app → cli)\n`);
