import { z } from "zod";
import {
  AUTHENTICATION_MODES,
  CONTROL_PLANE_LOG_TYPES,
  DEFAULT_KUBERNETES_VERSION,
  ENDPOINT_ACCESS,
  authenticationModeProblems,
  clusterNameProblems,
  endpointProblems,
  kubernetesVersionProblems,
} from "../../modules/cluster/cluster-rules";
import { aws6OptionProblems } from "../../modules/shared/aws6-options";
import { report, retentionDays } from "./common";

const authenticationMode = z
  .string()
  .superRefine((mode, ctx) => report(ctx, authenticationModeProblems(mode)))
  .transform((mode) => mode as (typeof AUTHENTICATION_MODES)[number])
  .default("API")
  .meta({
    description: "API (default): access entries only. API_AND_CONFIG_MAP: also honour aws-auth, while migrating.",
    examples: ["API"],
  });

export const clusterSchema = z
  .strictObject({
    name: z
      .string()
      .superRefine((name, ctx) => report(ctx, clusterNameProblems(name)))
      .optional()
      .meta({ description: "EKS cluster name. Changing it replaces the cluster.", examples: ["dev-private"] }),
    version: z
      .string({
        error: (iss) =>
          typeof iss.input === "number"
            ? `${iss.input} was read as a number; write the version in quotes (example: "${DEFAULT_KUBERNETES_VERSION}")`
            : undefined,
      })
      .superRefine((v, ctx) => report(ctx, kubernetesVersionProblems(v)))
      .default(DEFAULT_KUBERNETES_VERSION)
      .meta({ description: "Kubernetes minor version.", examples: [DEFAULT_KUBERNETES_VERSION] }),
    endpoint: z
      .enum(ENDPOINT_ACCESS)
      .default("private")
      .meta({ description: "Who reaches the Kubernetes API: private (VPC only), public-and-private, public." }),
    publicAccessCidrs: z
      .array(z.string())
      .optional()
      .meta({ description: "Networks allowed to reach a public endpoint.", examples: [["203.0.113.0/24"]] }),
    allowPublicInternet: z.boolean().default(false).meta({ description: "Accept 0.0.0.0/0 in publicAccessCidrs. Flagged in reviews." }),
    authenticationMode,
    logTypes: z
      .array(z.enum(CONTROL_PLANE_LOG_TYPES))
      .default([...CONTROL_PLANE_LOG_TYPES])
      .meta({ description: "Control-plane log types sent to CloudWatch." }),
    logRetentionDays: retentionDays.default(365).meta({ description: "Days to keep control-plane logs." }),
    protect: z.boolean().default(true).meta({ description: "prevent_destroy on the cluster and its KMS key." }),
    deletionProtection: z
      .boolean()
      .optional()
      .meta({ description: "EKS deletion protection (the EKS API refuses to delete the cluster). Needs hashicorp/aws 6.9+ bindings." }),
    upgradePolicy: z.enum(["STANDARD", "EXTENDED"]).optional().meta({
      description:
        "At the end of the version's standard support: STANDARD lets EKS upgrade the control plane to the next version (no extended-support charge); EXTENDED keeps the version up to 12 more months at the higher extended-support hourly rate. Default: not set (EKS: EXTENDED).",
    }),
  })
  .superRefine((cluster, ctx) =>
    report(ctx, [
      ...endpointProblems(cluster, "cluster.allowPublicInternet"),
      ...aws6OptionProblems({ deletionProtection: cluster.deletionProtection }),
    ]),
  )
  .prefault({})
  .meta({ description: "The EKS cluster." });
