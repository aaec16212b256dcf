import { z } from "zod";
import { accessEntryListProblems, reservedRoles } from "../../modules/access/access-entry-rules";
import { clusterName } from "../../core/names";
import { installedBindingProblems } from "../installed-bindings";
import { accessEntriesSchema, inClusterSchema, legacyAwsAuthSchema } from "./access";
import { addonsSchema } from "./addons";
import { stackIds } from "../stack-ids";
import { backendSchema, sharedStateKeyProblems } from "./backend";
import { bastionSchema } from "./bastion";
import { clusterSchema } from "./cluster";
import { inClusterDeployRoleProblems } from "./in-cluster";
import { report, tags } from "./common";
import { networkSchema } from "./network";
import { zoneRegionProblems } from "../../modules/network/zones";
import { podRolesSchema } from "./pod-roles";
import { nodeGroupsSchema } from "./node-groups";

/** Environment names become stack ids (`<name>-cluster`) and default cluster names. */
export const ENVIRONMENT_NAME = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export const environmentSchema = z
  .strictObject({
    name: z
      .string()
      .regex(ENVIRONMENT_NAME, {
        error: (iss) =>
          `${JSON.stringify(iss.input)} is not an environment name; use 1-40 lower-case letters, digits and "-", starting with a letter (example: dev)`,
      })
      .meta({
        description: "Environment name, equal to the file name (config/<name>.yaml): stack ids are <name>-cluster and <name>-in-cluster.",
        examples: ["dev"],
      }),
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
    accessEntries: accessEntriesSchema,
    legacyAwsAuth: legacyAwsAuthSchema,
    inCluster: inClusterSchema,
    podRoles: podRolesSchema,
    backend: backendSchema,
  })
  .superRefine((env, ctx) => {
    const cluster = clusterName(env.name, env.cluster.name);
    const reserved = reservedRoles(cluster, { bastion: env.bastion.enabled });
    report(
      ctx,
      accessEntryListProblems(env.accessEntries, reserved).map((p) => ({ ...p, path: ["accessEntries", ...p.path] })),
    );
    if (env.legacyAwsAuth && env.cluster.authenticationMode !== "API_AND_CONFIG_MAP") {
      ctx.addIssue({
        code: "custom",
        path: ["legacyAwsAuth"],
        message:
          "aws-auth is ignored in API mode; set cluster.authenticationMode: API_AND_CONFIG_MAP while migrating, or remove legacyAwsAuth once every mapping is an access entry",
      });
    }
    if (env.cluster.endpoint === "public" && env.network.egress === "none") {
      ctx.addIssue({
        code: "custom",
        path: ["cluster", "endpoint"],
        message:
          "with network.egress: none, nodes can reach the API only through the private endpoint; use endpoint: private or public-and-private",
      });
    }
    report(ctx, installedBindingProblems(env));
    report(
      ctx,
      zoneRegionProblems(env.network, env.region).map((p) => ({ ...p, path: ["network", ...p.path] })),
    );
    report(ctx, sharedStateKeyProblems(env.backend, env.name, stackIds(env)));
    report(ctx, inClusterDeployRoleProblems(env));
  })
  .meta({ title: "cdktf-private-eks environment", description: "One environment: config/<name>.yaml." });

/** A validated environment with every default applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
/** What a YAML file may contain (defaults not yet applied). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
