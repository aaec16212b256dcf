import { z } from "zod";
import { PodRoleOptions, duplicateServiceAccountProblems, podRoleProblems } from "../../modules/pod-roles/pod-role-rules";
import { report } from "./common";

export const podRoleSchema = z
  .strictObject({
    namespace: z.string().meta({ examples: ["app"] }),
    serviceAccountName: z
      .string()
      .meta({ description: 'A service account, or exactly "*" (IRSA only) for any in the namespace.', examples: ["s3-reader"] }),
    mechanism: z.enum(["podIdentity", "irsa"]).default("podIdentity"),
    permissionPolicyARNs: z
      .array(z.string())
      .optional()
      .meta({ examples: [["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]] }),
    permissionPolicy: z.record(z.string(), z.unknown()).optional().meta({ description: "An inline policy document." }),
    roleARN: z.string().optional().meta({ description: "Bring an existing role: only the association (or annotation) is created." }),
    roleName: z.string().optional(),
    permissionsBoundaryARN: z.string().optional(),
    maxSessionDuration: z.number().int().optional(),
    createServiceAccount: z
      .boolean()
      .optional()
      .meta({ description: "Create the ServiceAccount in <name>-in-cluster. Default: true for irsa with a named service account." }),
    targetRoleARN: z
      .string()
      .optional()
      .meta({
        description:
          "Pod Identity role chaining: pods get this role (e.g. in another account) through the association's role. Needs hashicorp/aws 6.2+ bindings.",
        examples: ["arn:aws:iam::444455556666:role/data-reader"],
      }),
    disableSessionTags: z.boolean().optional().meta({
      description:
        "Pod Identity without session tags (needed when the target role's trust does not allow sts:TagSession). Needs hashicorp/aws 6.2+ bindings.",
    }),
  })
  .superRefine((role, ctx) => report(ctx, podRoleProblems(role))) satisfies z.ZodType<PodRoleOptions>;

export const podRolesSchema = z
  .array(podRoleSchema)
  .superRefine((roles, ctx) => report(ctx, duplicateServiceAccountProblems(roles)))
  .default([])
  .meta({ description: "IAM roles for pods, keyed by namespace/service account." });
