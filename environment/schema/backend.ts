import { z } from "zod";
import { Problem } from "../../core/problems";

const s3 = z
  .strictObject({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      error: (iss) => `${JSON.stringify(iss.input)} is not an S3 bucket name (example: acme-terraform-state)`,
    }),
    key: z
      .string()
      .optional()
      .meta({
        description: "State object key; {stack} is replaced by the stack id. Default: <name>/{stack}.tfstate",
        examples: ["eks/dev/{stack}.tfstate"],
      }),
    region: z.string().optional().meta({ description: "The bucket's region. Default: the environment's region." }),
    useLockfile: z.boolean().default(true).meta({ description: "S3-native state locking (Terraform >= 1.10); no DynamoDB table." }),
    kmsKeyId: z.string().optional().meta({ description: "KMS key ARN to encrypt state objects with." }),
  })
  .meta({ description: "State in S3, locked with a lock file next to it." });

const cloud = z
  .strictObject({
    organization: z.string().min(1),
    workspacePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]*$/, {
        error: (iss) => `${JSON.stringify(iss.input)} may only hold letters, digits, "-" and "_" (example: eks-)`,
      })
      .default("")
      .meta({ description: "Workspaces are named <workspacePrefix><stack id>." }),
  })
  .meta({ description: "State in HCP Terraform (Terraform Cloud)." });

export const backendSchema = z
  .union([z.literal("local"), z.strictObject({ s3 }), z.strictObject({ cloud })], {
    error: () => "use local, { s3: { bucket, ... } } or { cloud: { organization, workspacePrefix } }",
  })
  .default("local")
  .meta({
    description:
      "Where Terraform keeps state: local (default; terraform.<stack>.tfstate in the directory synth ran from, for trying it out — the shipped workflows refuse it), s3 or cloud.",
  });

export type BackendConfig = z.output<typeof backendSchema>;
type S3Config = Extract<BackendConfig, { s3: unknown }>["s3"];

/** The S3 state key of one stack: `key` with `{stack}` replaced by the stack id, default `<name>/{stack}.tfstate`. */
export function stateKey(s3: Pick<S3Config, "key">, environment: string, stackId: string): string {
  return (s3.key ?? `${environment}/{stack}.tfstate`).replaceAll("{stack}", stackId);
}

/** Where each stack of an environment keeps its state, for telling apart stacks that share one. */
export function stateLocations(
  backend: BackendConfig,
  environment: string,
  stackIds: readonly string[],
): { stack: string; location: string }[] {
  if (backend === "local" || !("s3" in backend)) return []; // local and cloud: one file / workspace per stack id, always
  return stackIds.map((stack) => ({ stack, location: `s3://${backend.s3.bucket}/${stateKey(backend.s3, environment, stack)}` }));
}

/**
 * Two stacks of one environment with one S3 key would share a state file: each plan would destroy
 * the other stack's resources. Relative to the environment.
 */
export function sharedStateKeyProblems(backend: BackendConfig, environment: string, stackIds: readonly string[]): Problem[] {
  if (backend === "local" || !("s3" in backend) || stackIds.length < 2 || backend.s3.key === undefined) return [];
  if (backend.s3.key.includes("{stack}")) return [];
  return [
    {
      path: ["backend", "s3", "key"],
      message:
        `${JSON.stringify(backend.s3.key)} has no {stack}, so stacks ${stackIds.join(" and ")} would share one state file ` +
        `(each plan would destroy the other's resources); put {stack} in the key (example: ${environment}/{stack}.tfstate)`,
    },
  ];
}

/**
 * For CI (`private-eks validate-config --require-remote-state`): a local backend keeps state on the
 * runner, which is thrown away after the job. Relative to the environment.
 */
export function remoteStateProblems(backend: BackendConfig, environment: string): Problem[] {
  if (backend !== "local") return [];
  return [
    {
      path: ["backend"],
      message:
        "is local (the default): state would stay on the CI runner and be lost when the job ends, so the next plan starts from empty state; " +
        `add backend: { s3: { bucket: <state bucket> } } (one key per stack, default ${environment}/{stack}.tfstate) or backend: { cloud: { organization: <org>, workspacePrefix: <prefix> } }, ` +
        'and migrate existing local state with terraform init -migrate-state (README "Remote state")',
    },
  ];
}
