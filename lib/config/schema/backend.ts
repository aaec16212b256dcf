import { z } from "zod";

const s3 = z
  .strictObject({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: (iss) => `${JSON.stringify(iss.input)} is not an S3 bucket name (example: acme-terraform-state)` }),
    key: z
      .string()
      .optional()
      .meta({ description: "State object key; {stack} is replaced by the stack id. Default: <name>/{stack}.tfstate", examples: ["eks/dev/{stack}.tfstate"] }),
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
      .regex(/^[A-Za-z0-9_-]*$/, { error: (iss) => `${JSON.stringify(iss.input)} may only hold letters, digits, "-" and "_" (example: eks-)` })
      .default("")
      .meta({ description: "Workspaces are named <workspacePrefix><stack id>." }),
  })
  .meta({ description: "State in HCP Terraform (Terraform Cloud)." });

export const backendSchema = z
  .union([z.literal("local"), z.strictObject({ s3 }), z.strictObject({ cloud })], {
    error: () => "use local, { s3: { bucket, ... } } or { cloud: { organization, workspacePrefix } }",
  })
  .default("local")
  .meta({ description: "Where Terraform keeps state: local (default), s3 or cloud." });

export type BackendConfig = z.output<typeof backendSchema>;
