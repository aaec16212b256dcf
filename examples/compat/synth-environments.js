"use strict";
// Synthesizes environment files through the installed package, as a library user's app would:
// `node synth-environments.js <outdir> <file...>`. Config mistakes print one line each and exit 1.
const { App } = require("cdktf");
const { ConfigError, addEnvironment, loadEnvironments } = require("cdktf-private-eks");

const [outdir, ...files] = process.argv.slice(2);
try {
  const environments = loadEnvironments(files);
  const app = new App({ outdir });
  for (const { config } of environments) addEnvironment(app, config);
  app.synth();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.lines.join("\n")}\n`);
  process.exitCode = 1;
}
