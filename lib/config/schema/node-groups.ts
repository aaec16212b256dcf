import { z } from "zod";
import { duplicateNameProblems, nodeGroupProblems } from "../../../modules/cluster/node-group-rules";
import { report, tags } from "./common";

const taint = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
});

export const nodeGroupSchema = z
  .strictObject({
    name: z.string().meta({ description: "Stable key of the group: renaming replaces it.", examples: ["general"] }),
    instanceTypes: z.array(z.string()).min(1).default(["m6i.large"]).meta({ examples: [["m6i.large"]] }),
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
    minSize: z.number().int().min(0).default(2),
    maxSize: z.number().int().min(1).default(4),
    desiredSize: z.number().int().min(0).optional().meta({ description: "Initial size (default minSize); later changes are left to the autoscaler." }),
    diskSizeGiB: z.number().int().min(20).max(16384).default(50),
    labels: tags.optional().meta({ description: "Kubernetes node labels.", examples: [{ workload: "general" }] }),
    taints: z.array(taint).optional(),
    httpPutResponseHopLimit: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .meta({ description: "IMDS hop limit. 1 keeps pods from reading the node role's credentials; raise only for pods that must use the node role." }),
  })
  .superRefine((group, ctx) => report(ctx, nodeGroupProblems(group)));

export const nodeGroupsSchema = z
  .array(nodeGroupSchema)
  .superRefine((groups, ctx) => report(ctx, duplicateNameProblems(groups.map((g) => g.name))))
  .default([{ name: "general", instanceTypes: ["m6i.large"], capacityType: "ON_DEMAND", minSize: 2, maxSize: 4, diskSizeGiB: 50, httpPutResponseHopLimit: 1 }])
  .meta({ description: "Managed node groups, keyed by name." });

