"use strict";
// Regenerates schema/environment.schema.json from the zod schema (run by `npm run schema`).
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
require("./build").ensureBuilt();
const { environmentJsonSchema } = require("../dist/environment/json-schema.js");
const file = join(__dirname, "..", "schema", "environment.schema.json");
writeFileSync(file, JSON.stringify(environmentJsonSchema(), null, 2) + "\n");
console.log(`wrote ${file}`);
