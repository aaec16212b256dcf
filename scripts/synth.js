"use strict";
// The cdktf app entry (cdktf.json "app") and `npm run synth`: build if stale, then run the compiled app.
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
require("./build").ensureBuilt();
require("../dist/main.js");
