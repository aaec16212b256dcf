import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fingerprint, hasStackTrace, runNode } from "../support/run";

const synth = (env: Record<string, string>, cwd?: string) => runNode("scripts/synth.js", [], { env, cwd });

describe("the app (npm run synth / cdktf synth)", () => {
  const outdir = mkdtempSync(join(tmpdir(), "private-eks-out-"));

  test("synthesizes the default environment into CDKTF_OUTDIR", () => {
    // GIVEN the shipped dev.yaml WHEN the app runs
    const r = synth({ CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: "config/dev.yaml" });
    // (notes, if any, come first)
    expect(r.stdout.split("\n").filter((l) => !l.startsWith("note: "))).toEqual([`synthesized dev-cluster into ${outdir}`, ""]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // THEN its stack and the manifest are in CDKTF_OUTDIR
    const stack = JSON.parse(readFileSync(join(outdir, "stacks", "dev-cluster", "cdk.tf.json"), "utf8"));
    expect(stack.resource.aws_vpc["network_vpc"].enable_dns_hostnames).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toContain("dev-cluster");
  });

  test("a bad environment: every problem listed, exit 1, no stack trace, the output directory untouched", () => {
    // GIVEN a previous output and a file with two mistakes
    const before = fingerprint(outdir);
    const bad = join(mkdtempSync(join(tmpdir(), "private-eks-bad-")), "dev.yaml");
    writeFileSync(bad, "name: dev\nregion: eu-west-1\nnetwork:\n  cidr: 10.0.0.0/33\n  azCount: 9\n");
    // WHEN the app runs on it THEN both problems and their count, exit 1, nothing written
    const r = synth({ CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: bad });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        `${bad}: network.cidr: "10.0.0.0/33" is not an IPv4 CIDR (example: 10.0.0.0/16)`,
        `${bad}: network.azCount: 9 is out of range; use 2 to 6`,
        "2 problems found; nothing was synthesized.",
        "",
      ].join("\n"),
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(fingerprint(outdir)).toEqual(before);
  });

  test("no config directory: a clear error and nothing written", () => {
    // GIVEN a working directory without config/ WHEN the app runs THEN one line naming it, exit 1, no output
    const cwd = mkdtempSync(join(tmpdir(), "private-eks-cwd-"));
    const r = synth({ CDKTF_OUTDIR: join(cwd, "out") }, cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'config: (directory): does not exist; create it with one <environment>.yaml per environment (see README "Adding an environment")',
    );
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });
});
