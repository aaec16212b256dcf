import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ConfigError, loadEnvironments } from "../../environment/load";
import { defaultTunnelPort } from "../../environment/schema/bastion";
import { devInput } from "../support/environment";
import { fingerprint, hasStackTrace, runNode } from "../support/run";

/** A config directory holding one file per environment: dev.yaml with overrides per name. */
function configDir(envs: Record<string, Record<string, unknown>>): string {
  const work = mkdtempSync(join(tmpdir(), "private-eks-across-"));
  mkdirSync(join(work, "config"));
  for (const [name, overrides] of Object.entries(envs))
    writeFileSync(join(work, "config", `${name}.yaml`), stringify({ ...devInput(), name, ...overrides }));
  return work;
}

describe("rules across environments: tunnel ports", () => {
  test("two environments with one explicit bastion.localPort: the later file is told, with a free port", () => {
    // GIVEN dev and prod both listening on 9443
    const work = configDir({ dev: { bastion: { localPort: 9443 } }, prod: { bastion: { localPort: 9443 } } });
    const files = ["dev", "prod"].map((n) => join(work, "config", `${n}.yaml`));
    // WHEN loaded together THEN prod's file names dev's and suggests a port nobody uses
    expect(() => loadEnvironments(files)).toThrow(
      new ConfigError([
        `${files[1]}: bastion.localPort: 9443 is already the tunnel port of environment dev (${files[0]}), so the two tunnels cannot run at once; set bastion.localPort to a free port from 1024 to 65535 in one of them (example: 8443)`,
      ]),
    );
    // AND each loads alone (the clash is between environments)
    expect(loadEnvironments(files.slice(1)).map((e) => e.config.name)).toEqual(["prod"]);
  });

  test("an explicit port equal to another environment's derived port clashes too; without a bastion nothing clashes", () => {
    // GIVEN prod pinned to dev's derived port
    const work = configDir({
      dev: {},
      prod: { bastion: { localPort: defaultTunnelPort("dev") } },
      test: { bastion: { enabled: false, localPort: defaultTunnelPort("dev") } },
    });
    const files = ["dev", "prod", "test"].map((n) => join(work, "config", `${n}.yaml`));
    expect(() => loadEnvironments(files)).toThrow(
      new ConfigError([
        `${files[1]}: bastion.localPort: 8534 is already the tunnel port of environment dev (${files[0]}), so the two tunnels cannot run at once; set bastion.localPort to a free port from 1024 to 65535 in one of them (example: 8443)`,
      ]),
    );
  });

  test("synth of a config directory with a port clash: exit 1, file + key path + fix, no stack trace, output untouched", () => {
    // GIVEN a directory whose second environment takes dev's (derived) port, and an earlier good output
    const work = configDir({ dev: {}, prod: { bastion: { localPort: 8534 } } });
    const outdir = join(work, "cdktf.out");
    const good = runNode("dist/main.js", [], { cwd: work, env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: "config/dev.yaml" } });
    expect(good.code).toBe(0);
    const before = fingerprint(outdir);
    // WHEN every environment is synthesized
    const r = runNode("dist/main.js", [], { cwd: work, env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: undefined } });
    // THEN one problem, on prod's file, and the output is as it was
    expect(r.stderr).toBe(
      "config/prod.yaml: bastion.localPort: 8534 is already the tunnel port of environment dev (config/dev.yaml), so the two tunnels cannot run at once; set bastion.localPort to a free port from 1024 to 65535 in one of them (example: 8443)\n" +
        "1 problem found; nothing was synthesized.\n",
    );
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(fingerprint(outdir)).toEqual(before);
  });

  test("notes go to stdout (the cdktf CLI shows an app's stderr as [ERROR]); an environment nobody can administer gets one", () => {
    // GIVEN dev without its operators' entry (only the namespace-scoped viewer)
    const input = devInput() as { accessEntries: unknown[] };
    const work = configDir({ dev: { accessEntries: input.accessEntries.slice(1) } });
    // WHEN synthesized
    const r = runNode("dist/main.js", [], { cwd: work, env: { CDKTF_OUTDIR: join(work, "cdktf.out"), PRIVATE_EKS_CONFIG: undefined } });
    // THEN it succeeds, stderr is empty, and stdout carries the note with the entry to add
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(
      "note: config/dev.yaml: accessEntries: no principal can administer this cluster: no access entry has AmazonEKSClusterAdminPolicy (or kubernetesGroups), and the bastion's role has no access policy " +
        "(bastion.accessPolicy defaults to none: the tunnel needs none); give your operators' role an entry, e.g. " +
        '- { principalARN: arn:aws:iam::<account>:role/<operators>, accessPolicies: [{ policyARN: AmazonEKSClusterAdminPolicy }] } (README "Cluster access: access entries")\n',
    );
    // AND the shipped dev.yaml (with its operators' entry) gets no such note
    const shipped = runNode("dist/main.js", [], {
      cwd: configDir({ dev: {} }),
      env: { CDKTF_OUTDIR: join(work, "out-2"), PRIVATE_EKS_CONFIG: undefined },
    });
    expect(shipped.stdout).not.toContain("no principal can administer");
  });
});
