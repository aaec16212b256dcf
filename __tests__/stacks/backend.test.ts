import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { App } from "cdktf";
import { stringify } from "yaml";
import { ConfigError, loadEnvironments, parseEnvironment } from "../../environment/load";
import { localStatePath } from "../../stacks/backend";
import { addEnvironment } from "../../stacks/environment";
import { ROOT, devConfig, devInput, merge, nonEmpty, synthEnvironment } from "../support/environment";
import { TerraformDir } from "../support/terraform";

const MIGRATING = {
  cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
  legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", groups: ["system:masters"] }] },
  inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
};
const S3 = { s3: { bucket: "acme-terraform-state" } };

describe("remote state", () => {
  test("local by default, and every stack needs Terraform >= 1.11", () => {
    // GIVEN a migrating environment (cluster and in-cluster stacks) with no backend WHEN synthesized THEN every stack has a local backend and requires Terraform >= 1.11
    const stacks = synthEnvironment(devConfig(MIGRATING));
    for (const tf of nonEmpty(Object.values(stacks))) {
      expect(tf.terraform.required_version).toBe(">= 1.11");
      expect(Object.keys(tf.terraform.backend)).toEqual(["local"]);
    }
  });

  test("local state: a path relative to the stack directory, to terraform.<stack>.tfstate where synth ran; the in-cluster stack finds the cluster's", () => {
    // GIVEN the default outdir, cdktf.out, under the directory synth runs in
    const outdir = mkdtempSync(join(tmpdir(), "private-eks-local-state-"));
    const cwd = process.cwd();
    process.chdir(outdir);
    try {
      const app = new App({ outdir: "cdktf.out" });
      addEnvironment(app, devConfig(MIGRATING));
      app.synth();
      const read = (id: string) => JSON.parse(readFileSync(join(outdir, "cdktf.out", "stacks", id, "cdk.tf.json"), "utf8"));
      // THEN each stack's state path is relative, three levels up: the file cdktf's own default used, minus the machine's path
      expect(read("dev-cluster").terraform.backend.local).toEqual({ path: "../../../terraform.dev-cluster.tfstate" });
      expect(read("dev-in-cluster").terraform.backend.local).toEqual({ path: "../../../terraform.dev-in-cluster.tfstate" });
      // AND the in-cluster stack (a sibling directory) reads the cluster stack's state through the same relative path
      expect(read("dev-in-cluster").data.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toMatchObject({
        backend: "local",
        config: { path: "../../../terraform.dev-cluster.tfstate" },
      });
      expect(resolve(outdir, "cdktf.out", "stacks", "dev-in-cluster", "../../../terraform.dev-cluster.tfstate")).toBe(
        join(realpathSync(outdir), "terraform.dev-cluster.tfstate"),
      );
    } finally {
      process.chdir(cwd);
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("no stack of any shipped config has an absolute path (config/, examples/)", () => {
    // GIVEN every shipped environment file that this provider version can synthesize
    const files = [
      ...readdirSync(join(ROOT, "config"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => join(ROOT, "config", f)),
      ...readdirSync(join(ROOT, "examples", "compat"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => join(ROOT, "examples", "compat", f)),
    ];
    const work = mkdtempSync(join(tmpdir(), "private-eks-shipped-"));
    const cwd = process.cwd();
    process.chdir(work);
    let synthesized = 0;
    try {
      for (const file of files) {
        const { config } = parseEnvironment(readFileSync(file, "utf8"), file);
        if (!config) continue; // examples/compat/aws6.yaml needs aws 6 bindings (the compat matrix synthesizes it)
        // WHEN synthesized as the app does (cdktf.out under the working directory)
        const app = new App({ outdir: "cdktf.out" });
        const stacks = addEnvironment(app, config);
        app.synth();
        // THEN no stack's backend path is absolute, and no string in any stack names this machine's directories
        for (const stack of nonEmpty(Object.values(stacks))) {
          if (!stack) continue;
          const text = readFileSync(join(work, "cdktf.out", "stacks", stack.node.id, "cdk.tf.json"), "utf8");
          const path = JSON.parse(text).terraform.backend.local?.path;
          expect([stack.node.id, path !== undefined && isAbsolute(path), text.includes(work) || text.includes(ROOT)]).toEqual([
            stack.node.id,
            false,
            false,
          ]);
        }
        synthesized++;
      }
    } finally {
      process.chdir(cwd);
      rmSync(work, { recursive: true, force: true });
    }
    expect(synthesized).toBeGreaterThanOrEqual(1);
  });

  test("migration from the old absolute path: init -migrate-state keeps the state, the next plan changes nothing (real terraform)", async () => {
    // GIVEN a stack applied with the old absolute backend path, from its directory under cdktf.out
    const tf = new TerraformDir();
    const stack = "cdktf.out/stacks/dev-cluster";
    const config = (path: string) => ({
      terraform: { backend: { local: { path } } },
      resource: { terraform_data: { marker: { input: "kept" } } },
    });
    try {
      tf.write(`${stack}/cdk.tf.json`, config(join(tf.dir, "terraform.dev-cluster.tfstate")));
      await tf.terraform(`-chdir=${stack}`, "init", "-input=false");
      await tf.terraform(`-chdir=${stack}`, "apply", "-auto-approve", "-input=false");
      // WHEN the backend becomes the relative path this package now synthesizes
      tf.write(`${stack}/cdk.tf.json`, config("../../../terraform.dev-cluster.tfstate"));
      // THEN Terraform first asks for the migration the README documents
      const before = await tf.result(`-chdir=${stack}`, "plan", "-input=false");
      expect(before.code).toBe(1);
      expect(before.stderr).toContain("Backend initialization required");
      // AND after init -migrate-state the resource is still in state and the plan is empty
      await tf.terraform(`-chdir=${stack}`, "init", "-input=false", "-migrate-state");
      expect((await tf.terraform(`-chdir=${stack}`, "state", "list")).trim()).toBe("terraform_data.marker");
      expect((await tf.result(`-chdir=${stack}`, "plan", "-input=false", "-detailed-exitcode")).code).toBe(0);
    } finally {
      tf.remove();
    }
  }, 60_000);

  test("localStatePath: relative even when the outdir is far from the working directory", () => {
    // GIVEN an outdir relative, absolute under the working directory, or elsewhere THEN the state path is relative, climbing out of the stack directory
    expect(localStatePath("cdktf.out", "dev-cluster")).toBe("../../../terraform.dev-cluster.tfstate");
    expect(localStatePath(join(process.cwd(), "build", "out"), "dev-cluster")).toBe("../../../../terraform.dev-cluster.tfstate");
    expect(isAbsolute(localStatePath("/elsewhere/out", "dev-cluster"))).toBe(false);
  });

  test("s3: encrypted, S3-native locking (no DynamoDB), one key per stack; the in-cluster stack reads the cluster's state from S3", () => {
    // GIVEN an S3 backend with a KMS key for a migrating environment WHEN synthesized
    // THEN the cluster stack's state is encrypted with that key and locked by S3's lockfile, under dev/dev-cluster.tfstate; the in-cluster stack has its own key
    const stacks = synthEnvironment(
      devConfig({
        ...MIGRATING,
        backend: { s3: { bucket: "acme-terraform-state", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234" } },
      }),
    );
    expect(stacks["dev-cluster"].terraform.backend).toEqual({
      s3: {
        bucket: "acme-terraform-state",
        key: "dev/dev-cluster.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234",
        use_lockfile: true,
      },
    });
    expect(stacks["dev-in-cluster"].terraform.backend.s3.key).toBe("dev/dev-in-cluster.tfstate");
    // AND nothing names DynamoDB, and the in-cluster stack reads the cluster's state from that S3 object
    expect(JSON.stringify(stacks)).not.toContain("dynamodb");
    expect(stacks["dev-in-cluster"].data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toEqual({
      backend: "s3",
      config: {
        bucket: "acme-terraform-state",
        key: "dev/dev-cluster.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234",
      },
      workspace: "${terraform.workspace}",
    });
  });

  test("s3: a key without {stack} is fine for one stack, a config error for two (file, key path, fix)", () => {
    // GIVEN a fixed key WHEN the environment has only the cluster stack THEN it is used as it is
    const one = synthEnvironment(devConfig({ backend: { s3: { bucket: "acme-terraform-state", key: "eks/dev.tfstate" } } }));
    expect(one["dev-cluster"].terraform.backend.s3.key).toBe("eks/dev.tfstate");
    // WHEN it also has an in-cluster stack THEN both stacks would share the state: an error
    const data = merge(devInput(), { ...MIGRATING, backend: { s3: { bucket: "acme-terraform-state", key: "eks/dev.tfstate" } } });
    expect(parseEnvironment(stringify(data), "config/dev.yaml").lines).toEqual([
      'config/dev.yaml: backend.s3.key: "eks/dev.tfstate" has no {stack}, so stacks dev-cluster and dev-in-cluster would share one state file (each plan would destroy the other\'s resources); put {stack} in the key (example: dev/{stack}.tfstate)',
    ]);
  });

  test("s3: two environments whose stacks resolve to one state object are a config error on the later file", () => {
    // GIVEN two environment files with the same bucket and the same fixed key
    const dir = mkdtempSync(join(tmpdir(), "private-eks-shared-state-"));
    const write = (name: string) => {
      writeFileSync(
        join(dir, `${name}.yaml`),
        stringify({
          ...merge(devInput(), { backend: { s3: { bucket: "acme-terraform-state", key: "eks/state.tfstate" } } }),
          name,
          bastion: { enabled: false },
        }),
      );
      return join(dir, `${name}.yaml`);
    };
    // WHEN they are loaded together THEN the second one is told, with the first one's file
    const [a, b] = [write("dev"), write("prod")];
    expect(() => loadEnvironments([a, b])).toThrow(
      new ConfigError([
        `${b}: backend.s3.key: stack prod-cluster would keep its state in s3://acme-terraform-state/eks/state.tfstate, which stack dev-cluster (${a}) already uses; every stack needs its own state: put {stack} in the key (example: eks/{stack}.tfstate)`,
      ]),
    );
    // AND the default key (<name>/{stack}.tfstate) never collides
    writeFileSync(b, stringify({ ...merge(devInput(), { backend: S3 }), name: "prod", bastion: { enabled: false } }));
    writeFileSync(a, stringify({ ...merge(devInput(), { backend: S3 }), name: "dev" }));
    expect(loadEnvironments([a, b]).map((e) => e.config.name)).toEqual(["dev", "prod"]);
  });

  test("--require-remote-state (CI): a local backend is a config error naming the file and the backend keys to add", () => {
    // GIVEN the shipped dev.yaml (local backend) and an environment with S3 state
    const dir = mkdtempSync(join(tmpdir(), "private-eks-ci-state-"));
    const remote = join(dir, "prod.yaml");
    writeFileSync(remote, stringify({ ...merge(devInput(), { backend: S3 }), name: "prod" }));
    const local = join(ROOT, "config", "dev.yaml");
    // WHEN loaded for CI THEN only the local one is refused
    expect(() => loadEnvironments([local, remote], { requireRemoteState: true })).toThrow(
      new ConfigError([
        "config/dev.yaml: backend: is local (the default): state would stay on the CI runner and be lost when the job ends, so the next plan starts from empty state; " +
          "add backend: { s3: { bucket: <state bucket> } } (one key per stack, default dev/{stack}.tfstate) or backend: { cloud: { organization: <org>, workspacePrefix: <prefix> } }, " +
          'and migrate existing local state with terraform init -migrate-state (README "Remote state")',
      ]),
    );
    // AND without the flag (trying it out on a workstation) the same files load
    expect(loadEnvironments([local, remote]).map((e) => e.config.name)).toEqual(["dev", "prod"]);
  });

  test("s3 with a key template, another region, and locking off", () => {
    // GIVEN an S3 backend with key eks/{stack}.tfstate, region us-east-1 and useLockfile false WHEN synthesized
    // THEN the cluster stack's key fills in the stack, the region is us-east-1, encryption stays on and no lockfile is used
    const tf = synthEnvironment(
      devConfig({
        backend: { s3: { bucket: "acme-terraform-state", key: "eks/{stack}.tfstate", region: "us-east-1", useLockfile: false } },
      }),
    )["dev-cluster"];
    expect(tf.terraform.backend.s3).toEqual({
      bucket: "acme-terraform-state",
      key: "eks/dev-cluster.tfstate",
      region: "us-east-1",
      encrypt: true,
    });
  });

  test("cloud: one HCP Terraform workspace per stack; the in-cluster stack reads the cluster's workspace", () => {
    // GIVEN a cloud backend with organization acme and prefix eks- for a migrating environment WHEN synthesized
    // THEN the cluster stack uses workspace eks-dev-cluster, and the in-cluster stack reads its state from there
    const stacks = synthEnvironment(devConfig({ ...MIGRATING, backend: { cloud: { organization: "acme", workspacePrefix: "eks-" } } }));
    expect(stacks["dev-cluster"].terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "eks-dev-cluster" } });
    expect(stacks["dev-in-cluster"].data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toMatchObject({
      backend: "remote",
      config: { organization: "acme", workspaces: { name: "eks-dev-cluster" } },
    });
  });

  test.each([
    [{ backend: "s3" }, "config/dev.yaml: backend: use local, { s3: { bucket, ... } } or { cloud: { organization, workspacePrefix } }"],
    [
      { backend: { s3: { bucket: "Bad_Bucket" } } },
      'config/dev.yaml: backend.s3.bucket: "Bad_Bucket" is not an S3 bucket name (example: acme-terraform-state)',
    ],
  ])("bad backends: %p", (overrides, message) => {
    // GIVEN dev.yaml with a backend that is not local, s3 or cloud, or a bad bucket name THEN one problem, with the fix
    expect(parseEnvironment(stringify(merge(devInput(), overrides)), "config/dev.yaml").lines).toEqual([message]);
  });
});
