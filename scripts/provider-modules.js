"use strict";
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

/** Provider modules the compiled app requires (deep imports), for a floor: node loading only those. */
function providerModules(root) {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js"))
        for (const m of readFileSync(path, "utf8").matchAll(/require\("(@cdktf\/provider-[a-z]+\/lib\/[^"]+)"\)/g)) found.add(m[1]);
    }
  };
  for (const dir of ["core", "modules", "environment", "stacks", "app"]) walk(join(root, "dist", dir));
  return [...found].sort();
}

/** A node -e script that loads cdktf, constructs and the given modules: the floor of a synth. */
const floorScript = (modules) =>
  `require("cdktf"); require("constructs"); ${modules.map((m) => `require(${JSON.stringify(m)});`).join(" ")}`;

module.exports = { providerModules, floorScript };
