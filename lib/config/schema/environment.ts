import { z } from "zod";
import { addonsSchema } from "./addons";
import { bastionSchema } from "./bastion";
import { clusterSchema } from "./cluster";
import { tags } from "./common";
import { networkSchema } from "./network";
import { nodeGroupsSchema } from "./node-groups";

/** Environment names become stack ids (`<name>-cluster`) and default cluster names. */
const ENVIRONMENT_NAME = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export const environmentSchema = z
  .strictObject({
    name: z
      .string()
      .regex(ENVIRONMENT_NAME, { error: (iss) => `${JSON.stringify(iss.input)} is not an environment name; use 1-40 lower-case letters, digits and "-", starting with a letter (example: dev)` })
      .meta({ description: "Environment name: stack ids are <name>-cluster and <name>-in-cluster.", examples: ["dev"] }),
    region: z
      .string()
      .regex(REGION, { error: (iss) => `${JSON.stringify(iss.input)} is not an AWS region code (example: eu-west-1)` })
      .meta({ description: "AWS region.", examples: ["eu-west-1"] }),
    tags: tags.default({}).meta({ description: "Default tags on every AWS resource." }),
    network: networkSchema,
    cluster: clusterSchema,
    nodeGroups: nodeGroupsSchema,
    addons: addonsSchema,
    bastion: bastionSchema,
  })
  .superRefine((env, ctx) => {
    if (env.cluster.endpoint === "public" && env.network.egress === "none") {
      ctx.addIssue({
        code: "custom",
        path: ["cluster", "endpoint"],
        message: "with network.egress: none, nodes can reach the API only through the private endpoint; use endpoint: private or public-and-private",
      });
    }
  })
  .meta({ title: "cdktf-private-eks environment", description: "One environment: config/<name>.yaml." });

/** A validated environment with every default applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
/** What a YAML file may contain (defaults not yet applied). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
