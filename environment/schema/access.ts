import { z } from "zod";
import { ACCESS_ENTRY_TYPES, AccessEntry, AccessEntryType, AccessScope } from "../../modules/access/access-entry";
import { accessEntryProblems } from "../../modules/access/access-entry-rules";
import { awsAuthMappingProblems } from "../../modules/access/legacy-aws-auth-rules";
import { principalArnProblems } from "../../modules/access/principal-arn";
import { report } from "./common";

const accessScope = z
  .strictObject({
    type: z.enum(["cluster", "namespace"]),
    namespaces: z
      .array(z.string())
      .optional()
      .meta({ description: "With type namespace: namespaces, wildcards like dev-* allowed.", examples: [["app", "dev-*"]] }),
  })
  .meta({ examples: [{ type: "namespace", namespaces: ["app"] }] });

/** The module's union, as the construct takes it (a namespace scope without namespaces is reported by the rules). */
function toAccessScope({ type, namespaces }: z.output<typeof accessScope>): AccessScope {
  if (type === "namespace") return { type, namespaces: namespaces ?? [] };
  return namespaces ? { type, namespaces } : { type };
}

const accessPolicy = z.strictObject({
  policyARN: z.string().meta({ description: "An access policy name or ARN.", examples: ["AmazonEKSViewPolicy"] }),
  accessScope: accessScope.default({ type: "cluster" }).transform(toAccessScope),
});

export const accessEntrySchema = z
  .strictObject({
    principalARN: z
      .string()
      .meta({ description: "An IAM role or user ARN (paths allowed).", examples: ["arn:aws:iam::111122223333:role/eks-admins"] }),
    type: z
      .string()
      .default("STANDARD")
      .transform((t) => t as AccessEntryType)
      .meta({ description: `One of ${ACCESS_ENTRY_TYPES.join(", ")}.`, examples: ["STANDARD"] }),
    kubernetesGroups: z
      .array(z.string())
      .optional()
      .meta({ examples: [["viewers"]] }),
    kubernetesUsername: z.string().optional().meta({ description: "Leave out to let EKS generate it (recommended)." }),
    accessPolicies: z.array(accessPolicy).optional(),
  })
  .superRefine((entry, ctx) => report(ctx, accessEntryProblems(entry)))
  .meta({ description: "An EKS access entry, with eksctl's key names." }) satisfies z.ZodType<AccessEntry>;

export const accessEntriesSchema = z
  .array(accessEntrySchema)
  .default([])
  .meta({ description: "Who may use the cluster: one entry per IAM principal." });

const roleMapping = z
  .strictObject({ rolearn: z.string(), username: z.string().optional(), groups: z.array(z.string()).optional() })
  .superRefine((m, ctx) => report(ctx, awsAuthMappingProblems(m, "role")));
const userMapping = z
  .strictObject({ userarn: z.string(), username: z.string().optional(), groups: z.array(z.string()).optional() })
  .superRefine((m, ctx) => report(ctx, awsAuthMappingProblems(m, "user")));

export const legacyAwsAuthSchema = z
  .strictObject({
    mapRoles: z.array(roleMapping).default([]),
    mapUsers: z.array(userMapping).default([]),
  })
  .optional()
  .meta({
    description:
      "aws-auth mappings kept while migrating (authenticationMode API_AND_CONFIG_MAP only). The <name>-in-cluster stack patches them into the ConfigMap EKS created, with the node role's mapping always kept.",
  });

export const inClusterSchema = z
  .strictObject({
    apiServerUrl: z
      .string()
      .regex(/^https:\/\/[^\s/]+(:\d+)?$/, {
        error: (iss) => `${JSON.stringify(iss.input)} is not an https URL of a host (example: https://localhost:8443)`,
      })
      .optional()
      .meta({
        description:
          "Where the in-cluster stack reaches the API, e.g. https://localhost:<bastion.localPort> through the bastion tunnel. Default: the cluster endpoint.",
      }),
    deployRoleARN: z
      .string()
      .superRefine((arn, ctx) => report(ctx, principalArnProblems(arn)))
      .optional()
      .meta({
        description:
          "The IAM role that deploys <name>-in-cluster (deploy.yml: AWS_DEPLOY_ROLE_ARN); required when that stack exists. It gets an access entry with AmazonEKSEditPolicy in the namespaces the stack writes to.",
        examples: ["arn:aws:iam::111122223333:role/github-deploy"],
      }),
  })
  .prefault({})
  .meta({ description: "How the <name>-in-cluster stack reaches the Kubernetes API." });
