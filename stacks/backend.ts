import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from "cdktf";
import { BackendConfig, stateKey } from "../environment/schema/backend";

/** The Terraform version this package's stacks need: S3 lock files are GA from 1.11. */
export const REQUIRED_TERRAFORM = ">= 1.11";

/**
 * The local backend's state file, relative to the stack's directory (where Terraform runs,
 * `<outdir>/stacks/<stack>`): `terraform.<stack>.tfstate` in the directory synth ran from — where
 * cdktf's own default puts it, outside cdktf.out, but never as an absolute path of the machine that
 * synthesized. With the default outdir that is `../../../terraform.<stack>.tfstate`. Sibling stacks
 * sit at the same depth, so the in-cluster stack reads the cluster stack's state with the same
 * relative path.
 */
export function localStatePath(outdir: string, stackId: string): string {
  const stackDir = resolve(outdir, "stacks", stackId);
  const file = join(process.cwd(), `terraform.${stackId}.tfstate`);
  const rel = relative(stackDir, file);
  // A different drive (Windows) has no relative path: keep the state next to the stack instead.
  return isAbsolute(rel) ? `terraform.${stackId}.tfstate` : rel.split(sep).join("/");
}

/**
 * Configures where a stack keeps its state. Cross-stack references read the producer's state
 * through `terraform_remote_state` with the same backend, so they work with all three.
 */
export function configureBackend(stack: TerraformStack, backend: BackendConfig, env: { name: string; region: string }): void {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
  const id = stack.node.id;
  if (backend === "local") {
    new LocalBackend(stack, { path: localStatePath(App.of(stack).outdir, id) });
  } else if ("s3" in backend) {
    const s3 = new S3Backend(stack, {
      bucket: backend.s3.bucket,
      key: stateKey(backend.s3, env.name, id),
      region: backend.s3.region ?? env.region,
      encrypt: true,
      kmsKeyId: backend.s3.kmsKeyId,
    });
    // cdktf 0.21 predates use_lockfile; Terraform >= 1.10 reads it.
    if (backend.s3.useLockfile) s3.addOverride("use_lockfile", true);
  } else {
    new CloudBackend(stack, {
      organization: backend.cloud.organization,
      workspaces: new NamedCloudWorkspace(`${backend.cloud.workspacePrefix}${id}`),
    });
  }
}
