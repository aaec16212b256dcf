#!/usr/bin/env node
"use strict";
// In a source checkout, compile first when the TypeScript is newer than dist/; a published
// package ships dist/ only and runs it directly.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
if (existsSync(join(__dirname, "..", "scripts", "build.js"))) require("../scripts/build").ensureBuilt();
require("../dist/cli/private-eks.js").main(process.argv.slice(2));
