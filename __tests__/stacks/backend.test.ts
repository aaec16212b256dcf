import { stringify } from "yaml";
import { parseEnvironment } from "../../lib/config/load";
import { devConfig, devInput, merge, synthEnvironment } from "../support/environment";

const MIGRATING = {
  cluster: { authenticationMode: "API_AND_CONFIG_MAP" },
  legacyAwsAuth: { mapRoles: [{ rolearn: "arn:aws:iam::111122223333:role/eks-admins", groups: ["system:masters"] }] },
};

describe("remote state", () => {
  test("local by default, and every stack needs Terraform >= 1.11", () => {
    const stacks = synthEnvironment(devConfig(MIGRATING));
    for (const tf of Object.values(stacks)) {
      expect(tf.terraform.required_version).toBe(">= 1.11");
      expect(Object.keys(tf.terraform.backend)).toEqual(["local"]);
    }
    expect(stacks["dev-in-cluster"].data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toMatchObject({
      backend: "local",
      config: { path: expect.stringMatching(/terraform\.dev-cluster\.tfstate$/) },
    });
  });

  test("s3: encrypted, S3-native locking (no DynamoDB), one key per stack; the in-cluster stack reads the cluster's state from S3", () => {
    const stacks = synthEnvironment(devConfig({ ...MIGRATING, backend: { s3: { bucket: "acme-terraform-state", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234" } } }));
    expect(stacks["dev-cluster"].terraform.backend).toEqual({
      s3: { bucket: "acme-terraform-state", key: "dev/dev-cluster.tfstate", region: "eu-west-1", encrypt: true, kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234", use_lockfile: true },
    });
    expect(stacks["dev-in-cluster"].terraform.backend.s3.key).toBe("dev/dev-in-cluster.tfstate");
    expect(JSON.stringify(stacks)).not.toContain("dynamodb");
    expect(stacks["dev-in-cluster"].data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toEqual({
      backend: "s3",
      config: { bucket: "acme-terraform-state", key: "dev/dev-cluster.tfstate", region: "eu-west-1", encrypt: true, kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234" },
      workspace: "${terraform.workspace}",
    });
  });

  test("s3 with a key template, another region, and locking off", () => {
    const tf = synthEnvironment(devConfig({ backend: { s3: { bucket: "acme-terraform-state", key: "eks/{stack}.tfstate", region: "us-east-1", useLockfile: false } } }))["dev-cluster"];
    expect(tf.terraform.backend.s3).toEqual({ bucket: "acme-terraform-state", key: "eks/dev-cluster.tfstate", region: "us-east-1", encrypt: true });
  });

  test("cloud: one HCP Terraform workspace per stack; the in-cluster stack reads the cluster's workspace", () => {
    const stacks = synthEnvironment(devConfig({ ...MIGRATING, backend: { cloud: { organization: "acme", workspacePrefix: "eks-" } } }));
    expect(stacks["dev-cluster"].terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "eks-dev-cluster" } });
    expect(stacks["dev-in-cluster"].data!.terraform_remote_state["cross-stack-reference-input-dev-cluster"]).toMatchObject({
      backend: "remote",
      config: { organization: "acme", workspaces: { name: "eks-dev-cluster" } },
    });
  });

  test.each([
    [{ backend: "s3" }, "config/dev.yaml: backend: use local, { s3: { bucket, ... } } or { cloud: { organization, workspacePrefix } }"],
    [{ backend: { s3: { bucket: "Bad_Bucket" } } }, 'config/dev.yaml: backend.s3.bucket: "Bad_Bucket" is not an S3 bucket name (example: acme-terraform-state)'],
  ])("bad backends: %p", (overrides, message) => {
    expect(parseEnvironment(stringify(merge(devInput(), overrides)), "config/dev.yaml").lines).toEqual([message]);
  });
});
