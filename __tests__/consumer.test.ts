import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT, TfJson } from "./support/environment";
import { describeDiagnostics, validateStacks } from "./support/terraform";
import { describeWith, hasTerraform } from "./support/tools";

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, {
    cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", npm_config_audit: "false", npm_config_fund: "false", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/**
 * What `npm install <tarball>` lays out, built without a registry or npm cache (a cold CI machine
 * has neither): the tarball unpacked as node_modules/cdktf-private-eks, and its dependencies, its
 * required peers and the app's own dependencies linked from this project's node_modules — the
 * exact versions the lock file pins. Optional peers are left out, as npm leaves them out.
 */
function installFromTarball(app: string, tarball: string): void {
  const modules = join(app, "node_modules");
  const target = join(modules, "cdktf-private-eks");
  mkdirSync(target, { recursive: true });
  run("tar", ["xzf", tarball, "--strip-components=1", "-C", target], app);
  const packed = JSON.parse(readFileSync(join(target, "package.json"), "utf8"));
  const consumer = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
  const requiredPeers = Object.keys(packed.peerDependencies ?? {}).filter((peer) => !packed.peerDependenciesMeta?.[peer]?.optional);
  const names = new Set([...Object.keys(packed.dependencies ?? {}), ...requiredPeers, ...Object.keys(consumer.dependencies ?? {})]);
  names.delete("cdktf-private-eks");
  for (const name of names) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(modules, name), "dir");
  }
}

describe("npm pack: what library users install", () => {
  const work = mkdtempSync(join(tmpdir(), "private-eks-pack-"));
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    // Pack a copy: `npm pack` in the checkout would rebuild dist/ under the other test workers' feet.
    // dist/ is fresh (global setup builds it from an empty directory), so the copy is what prepack makes.
    const copy = join(work, "package-source");
    for (const entry of ["package.json", "README.md", "bin", "dist"]) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], copy);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
    files = run("tar", ["tzf", tarball], work).trim().split("\n");
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("compiled JS and .d.ts only: no TypeScript sources, tests, config or app entry", () => {
    // GIVEN the packed tarball THEN it holds only compiled .js and .d.ts files besides package.json and the README
    // AND no test, shipped config or TypeScript source; the library entry, its types and the command are there, the app entry is not
    const other = files.filter((f) => !/\.(js|d\.ts)$/.test(f) && !["package/package.json", "package/README.md"].includes(f));
    expect(other).toEqual([]);
    expect(files.filter((f) => /__tests__|\/config\/dev|\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/bin/private-eks.js");
    expect(files).not.toContain("package/dist/main.js");
  });

  test("cdktf, constructs and the providers are peer dependencies; the Kubernetes bindings an optional one; development pins exact", () => {
    // GIVEN the package manifest
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    // THEN every provider binding is a peer (the app's own copy), never a dependency of its own
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["@cdktf/provider-aws", "@cdktf/provider-kubernetes", "cdktf", "constructs"]);
    for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.dependencies[peer]).toBeUndefined();
    // AND the ranges admit cdktf 0.21 with provider-aws 20.1.0-21.x, and CDK Terrain 0.24 with its provider 25.x through npm aliases
    expect(pkg.peerDependencies).toEqual({
      "@cdktf/provider-aws": ">=20.1.0 <22 || ^25.0.0",
      "@cdktf/provider-kubernetes": "^12.1.1",
      cdktf: "0.21.x || 0.24.x",
      constructs: "^10.4.2",
    });
    expect(pkg.peerDependenciesMeta).toEqual({ "@cdktf/provider-kubernetes": { optional: true } });
    // AND what this package is developed and tested with is pinned exactly
    const loose = Object.entries<string>(pkg.devDependencies).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(loose).toEqual([]);
  });

  describeWith("terraform", hasTerraform(), "examples/consumer", () => {
    test("installs from the tarball without a registry, type-checks against the .d.ts, synthesizes its own stack, and is valid Terraform", async () => {
      // GIVEN examples/consumer installed from the tarball WHEN it is type-checked and run THEN it synthesizes its stack payments-platform
      // AND the stack keeps its own naming (a private cluster payments-prod, access entries under its construct ids, an eks-auth endpoint)
      const app = join(work, "consumer");
      cpSync(join(ROOT, "examples", "consumer"), app, { recursive: true });
      installFromTarball(app, tarball);
      run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."], app);
      const outdir = join(work, "consumer-out");
      run(process.execPath, ["main.js"], app, { CDKTF_OUTDIR: outdir });
      const stack: TfJson = JSON.parse(readFileSync(join(outdir, "stacks", "payments-platform", "cdk.tf.json"), "utf8"));
      // Its own naming: the consumer's construct ids and cdktf's default addressing.
      expect(Object.values<any>(stack.resource!.aws_eks_cluster)[0]).toMatchObject({
        name: "payments-prod",
        vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
      });
      expect(Object.keys(stack.resource!.aws_eks_access_entry).every((k) => k.startsWith("payments-eks_access_"))).toBe(true);
      expect(Object.values<any>(stack.resource!.aws_vpc_endpoint).map((e) => e.service_name.split(".").pop())).toContain("eks-auth");
      // AND terraform validate finds it valid, with no diagnostic
      const result = await validateStacks({ consumer: stack });
      expect(describeDiagnostics(result)).toBe("");
      expect(result.valid).toBe(true);
    });
  });

  describe("without the optional @cdktf/provider-kubernetes (AWS-only users)", () => {
    const app = join(work, "aws-only");
    const bin = join(app, "node_modules", "cdktf-private-eks", "bin", "private-eks.js");
    const fixtures = join(ROOT, "__tests__", "fixtures", "optional-peer");

    beforeAll(() => {
      mkdirSync(app, { recursive: true });
      cpSync(join(ROOT, "examples", "consumer", "package.json"), join(app, "package.json"));
      for (const file of readdirSync(fixtures)) cpSync(join(fixtures, file), join(app, file));
      installFromTarball(app, tarball);
    });

    test("the package loads and an environment without in-cluster work validates", () => {
      // GIVEN an app whose node_modules has no Kubernetes bindings
      expect(readdirSync(join(app, "node_modules", "@cdktf"))).toEqual(["provider-aws"]);
      // WHEN the library is imported and a Pod Identity-only environment is validated
      const exports = run(process.execPath, ["-e", `console.log(typeof require("cdktf-private-eks").addEnvironment)`], app);
      const out = run(process.execPath, [bin, "validate-config", "aws-only.yaml"], app);
      // THEN neither needs @cdktf/provider-kubernetes
      expect(exports).toBe("function\n");
      expect(out).toBe("aws-only.yaml: ok (environment aws-only, stacks aws-only-cluster)\n");
    });

    test("an environment that needs the in-cluster stack: one line naming the package and the fix, exit 1, no stack trace", () => {
      // GIVEN aws-auth mappings kept while migrating and an IRSA ServiceAccount, both in the in-cluster stack
      // WHEN it is validated where the Kubernetes bindings are not installed
      const r = spawnSync(process.execPath, [bin, "validate-config", "migrating.yaml"], { cwd: app, encoding: "utf8" });
      // THEN the first key that needs the stack carries the error, naming the others
      expect(r.stderr).toBe(
        [
          'migrating.yaml: legacyAwsAuth: needs the migrating-in-cluster stack (so do podRoles[0]), which uses the optional peer dependency @cdktf/provider-kubernetes, not installed; run npm install @cdktf/provider-kubernetes@"^12.1.1", or remove legacyAwsAuth once every mapping is an access entry',
          "1 problem found.",
          "",
        ].join("\n"),
      );
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
    });
  });
});
