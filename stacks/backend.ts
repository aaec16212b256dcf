import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from "cdktf";
import { BackendConfig } from "../lib/config/schema/backend";

/** The Terraform version this package's stacks need: S3 lock files are GA from 1.11. */
export const REQUIRED_TERRAFORM = ">= 1.11";

/**
 * Configures where a stack keeps its state. Cross-stack references read the producer's state
 * through `terraform_remote_state` with the same backend, so they work with all three.
 */
export function configureBackend(stack: TerraformStack, backend: BackendConfig, env: { name: string; region: string }): void {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
  const id = stack.node.id;
  if (backend === "local") {
    new LocalBackend(stack, {});
  } else if ("s3" in backend) {
    const s3 = new S3Backend(stack, {
      bucket: backend.s3.bucket,
      key: (backend.s3.key ?? `${env.name}/{stack}.tfstate`).replace("{stack}", id),
      region: backend.s3.region ?? env.region,
      encrypt: true,
      kmsKeyId: backend.s3.kmsKeyId,
    });
    // cdktf 0.21 predates use_lockfile; Terraform >= 1.10 reads it.
    if (backend.s3.useLockfile) s3.addOverride("use_lockfile", true);
  } else {
    new CloudBackend(stack, { organization: backend.cloud.organization, workspaces: new NamedCloudWorkspace(`${backend.cloud.workspacePrefix}${id}`) });
  }
}
