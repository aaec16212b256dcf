import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT, TfJson } from "./support/environment";
import { describeDiagnostics, validateStacks } from "./support/terraform";
import { describeWith, hasTerraform } from "./support/tools";

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", npm_config_audit: "false", npm_config_fund: "false", ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * What `npm install <tarball>` lays out, built without a registry or npm cache (a cold CI machine
 * has neither): the tarball unpacked as node_modules/cdktf-private-eks, and its dependencies and
 * peers linked from this project's node_modules — the exact versions the lock file pins.
 */
function installFromTarball(app: string, tarball: string): void {
  const modules = join(app, "node_modules");
  const target = join(modules, "cdktf-private-eks");
  mkdirSync(target, { recursive: true });
  run("tar", ["xzf", tarball, "--strip-components=1", "-C", target], app);
  const packed = JSON.parse(readFileSync(join(target, "package.json"), "utf8"));
  const consumer = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
  const names = new Set([...Object.keys(packed.dependencies ?? {}), ...Object.keys(packed.peerDependencies ?? {}), ...Object.keys(consumer.dependencies ?? {})]);
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
    const other = files.filter((f) => !/\.(js|d\.ts)$/.test(f) && !["package/package.json", "package/README.md"].includes(f));
    expect(other).toEqual([]);
    expect(files.filter((f) => /__tests__|\/config\/dev|\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/bin/private-eks.js");
    expect(files).not.toContain("package/dist/main.js");
  });

  test("cdktf, constructs and the providers are peer dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["@cdktf/provider-aws", "@cdktf/provider-kubernetes", "cdktf", "constructs"]);
    for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.dependencies[peer]).toBeUndefined();
  });

  describeWith("terraform", hasTerraform(), "examples/consumer", () => {
    test("installs from the tarball without a registry, type-checks against the .d.ts, synthesizes its own stack, and is valid Terraform", async () => {
      const app = join(work, "consumer");
      cpSync(join(ROOT, "examples", "consumer"), app, { recursive: true });
      installFromTarball(app, tarball);
      run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."], app);
      const outdir = join(work, "consumer-out");
      run(process.execPath, ["main.js"], app, { CDKTF_OUTDIR: outdir });
      const stack: TfJson = JSON.parse(readFileSync(join(outdir, "stacks", "payments-platform", "cdk.tf.json"), "utf8"));
      // Its own naming: the consumer's construct ids and cdktf's default addressing.
      expect(Object.values<any>(stack.resource!.aws_eks_cluster)[0]).toMatchObject({ name: "payments-prod", vpc_config: { endpoint_private_access: true, endpoint_public_access: false } });
      expect(Object.keys(stack.resource!.aws_eks_access_entry).every((k) => k.startsWith("payments-eks_access_"))).toBe(true);
      expect(Object.values<any>(stack.resource!.aws_vpc_endpoint).map((e) => e.service_name.split(".").pop())).toContain("eks-auth");
      const result = await validateStacks({ consumer: stack });
      expect(describeDiagnostics(result)).toBe("");
      expect(result.valid).toBe(true);
    });
  });
});
