import { z } from "zod";
import {
  DISK_SIZE_GIB,
  HOP_LIMIT,
  MaxUnavailable,
  NODE_COUNT_MIN,
  NodeCountKey,
  diskSizeProblem,
  duplicateNameProblems,
  hopLimitProblem,
  maxUnavailableProblems,
  nodeCountProblem,
  nodeGroupProblems,
  renamedFromProblems,
} from "../../modules/cluster/node-group-rules";
import { report, tags } from "./common";

const hopLimitError = (iss: { input?: unknown }) => hopLimitProblem(Number(iss.input));
const diskSizeError = (iss: { input?: unknown }) => diskSizeProblem(Number(iss.input));

/** A node count with the rule's message and the JSON Schema's bounds (`int`, `minimum`). */
function nodeCount(key: NodeCountKey) {
  const error = (iss: { input?: unknown }) => nodeCountProblem(key, Number(iss.input));
  return z.number().int({ error }).min(NODE_COUNT_MIN[key], { error });
}

const taint = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
});

export const nodeGroupSchema = z
  .strictObject({
    name: z.string().meta({
      description:
        "Stable key of the group and prefix of its EKS name (up to 36 characters). To rename a group, change its name and set renamedFrom to the old one: the new group then starts before the old one is deleted.",
      examples: ["general"],
    }),
    renamedFrom: z
      .string()
      .optional()
      .meta({
        description:
          "The group's previous name, when it is renamed: its Terraform addresses (node group, launch template) move to the new name, so the rename replaces the group create-before-destroy (new nodes join before the old ones drain). Without it, a rename deletes the old group and creates the new one in no set order. Harmless once applied; remove it then. Default: not renamed.",
        examples: ["general"],
      }),
    instanceTypes: z
      .array(z.string())
      .min(1)
      .default(["m6i.large"])
      .meta({ examples: [["m6i.large"]] }),
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
    minSize: nodeCount("minSize").default(2),
    maxSize: nodeCount("maxSize").default(4),
    desiredSize: nodeCount("desiredSize").optional().meta({
      description:
        "Nodes to run (default minSize), applied on every change unless autoscaler: true, where it is the size at creation only.",
    }),
    autoscaler: z.boolean().default(false).meta({
      description:
        "true when an autoscaler (Cluster Autoscaler) owns the desired size: Terraform sets it at creation only. Default false: Terraform manages it, so raising minSize raises it.",
    }),
    maxUnavailable: z
      .union([z.number(), z.string()])
      .superRefine((v, ctx) => report(ctx, maxUnavailableProblems(v)))
      .transform((v) => v as MaxUnavailable)
      .default(1)
      .meta({
        description:
          'Nodes EKS may take out of service at once while it rolls the group: a count 1-100, or a percentage "1%"-"100%". Default 1 keeps a 2-node group half serving; use a percentage to roll large groups faster.',
        examples: [1, "25%"],
      }),
    diskSizeGiB: z
      .number()
      .int({ error: diskSizeError })
      .min(DISK_SIZE_GIB.min, { error: diskSizeError })
      .max(DISK_SIZE_GIB.max, { error: diskSizeError })
      .default(50),
    labels: tags.optional().meta({ description: "Kubernetes node labels.", examples: [{ workload: "general" }] }),
    taints: z.array(taint).optional(),
    httpPutResponseHopLimit: z
      .number()
      .int({ error: hopLimitError })
      .min(HOP_LIMIT.min, { error: hopLimitError })
      .max(HOP_LIMIT.max, { error: hopLimitError })
      .default(1)
      .meta({
        description:
          "IMDS hop limit. 1 keeps pods from reading the node role's credentials; raise only for pods that must use the node role.",
      }),
  })
  .superRefine((group, ctx) => report(ctx, nodeGroupProblems(group)));

export const nodeGroupsSchema = z
  .array(nodeGroupSchema)
  .superRefine((groups, ctx) => report(ctx, [...duplicateNameProblems(groups.map((g) => g.name)), ...renamedFromProblems(groups)]))
  .default([
    {
      name: "general",
      instanceTypes: ["m6i.large"],
      capacityType: "ON_DEMAND",
      minSize: 2,
      maxSize: 4,
      diskSizeGiB: 50,
      httpPutResponseHopLimit: 1,
      autoscaler: false,
      maxUnavailable: 1,
    },
  ])
  .meta({ description: "Managed node groups, keyed by name." });
