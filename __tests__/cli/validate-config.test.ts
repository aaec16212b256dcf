import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasStackTrace, privateEks } from "../support/run";

describe("private-eks validate-config", () => {
  test("a valid file", () => {
    const r = privateEks(["validate-config", "config/dev.yaml"]);
    expect(r).toMatchObject({ code: 0, stdout: "config/dev.yaml: ok (environment dev, stacks dev-cluster)\n" });
  });

  test("problems of every file, exit 1, no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "private-eks-validate-"));
    writeFileSync(join(dir, "a.yaml"), "name: a\nregion: eu-west-1\nnetwork: {egress: open}\n");
    const r = privateEks(["validate-config", "a.yaml", "b.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('a.yaml: network.egress: "open" is not allowed; use one of nat, none (case-sensitive)\nb.yaml: (file): does not exist; check the path\n2 problems found.\n');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("no file named", () => {
    const r = privateEks(["validate-config"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("private-eks validate-config: name at least one environment file, e.g. private-eks validate-config config/dev.yaml");
  });

  test("an unknown command lists the commands", () => {
    const r = privateEks(["deploy"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('private-eks: unknown command "deploy"');
    expect(r.stderr).toContain("private-eks validate-config [--require-remote-state] <file...");
  });
});
