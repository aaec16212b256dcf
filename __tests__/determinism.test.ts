import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./support/environment";
import { runNode } from "./support/run";

const { largeEnvironment, toYaml } = require("../scripts/generate-environments");

/** Every file of a cdktf.out, by relative path. */
function files(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(path, base, out);
    else out[path.slice(base.length)] = readFileSync(path, "utf8");
  }
  return out;
}

describe("synth output is deterministic", () => {
  test("two runs over the shipped config and a large generated environment produce byte-identical output", () => {
    // GIVEN the shipped dev.yaml and a generated environment of 200 entries and 60 pod roles
    const work = mkdtempSync(join(tmpdir(), "private-eks-determinism-"));
    mkdirSync(join(work, "config"));
    writeFileSync(join(work, "config", "dev.yaml"), readFileSync(join(ROOT, "config", "dev.yaml")));
    writeFileSync(join(work, "config", "large.yaml"), toYaml(largeEnvironment({ name: "large", entries: 200, podRoles: 60, index: 1 })));
    const synth = (out: string) => {
      const r = runNode("dist/main.js", [], { cwd: work, env: { CDKTF_OUTDIR: join(work, out) } });
      expect(r.code).toBe(0);
      return files(join(work, out));
    };
    // WHEN synthesized twice THEN both stacks are there, and every file is the same byte for byte
    const first = synth("out-a");
    const second = synth("out-b");
    expect(
      Object.keys(first)
        .filter((f) => f.endsWith("cdk.tf.json"))
        .sort(),
    ).toEqual(["/stacks/dev-cluster/cdk.tf.json", "/stacks/large-cluster/cdk.tf.json"]);
    expect(second).toEqual(first);
  });
});
