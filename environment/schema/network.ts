import { z } from "zod";
import { MAX_ZONES, azCountProblem, subnetPlanProblems } from "../../modules/network/subnet-plan";
import { pinnedZoneProblems } from "../../modules/network/zones";
import { cidr, report, retentionDays } from "./common";

const azCountError = (iss: { input?: unknown }) => azCountProblem(Number(iss.input));

export const networkSchema = z
  .strictObject({
    cidr: cidr
      .default("10.0.0.0/16")
      .meta({ description: "The VPC's IPv4 range (/16 to /22 for subnetLayout v2); subnets are carved from it deterministically." }),
    azCount: z
      .number()
      .int({ error: azCountError })
      .min(2, { error: azCountError })
      .max(MAX_ZONES, { error: azCountError })
      .default(3)
      .meta({
        description:
          "How many availability zones to spread subnets and NAT gateways over: the first azCount of the pinned zones, or of the region's Availability Zones.",
        examples: [3],
      }),
    availabilityZoneIds: z
      .array(z.string())
      .min(1)
      .max(MAX_ZONES)
      .optional()
      .meta({
        description:
          "Zone IDs to place subnets in, in order: the same physical zones in every account (preferred over availabilityZones). At least azCount; extra ones are used when azCount grows.",
        examples: [["euw1-az1", "euw1-az2", "euw1-az3"]],
      }),
    availabilityZones: z
      .array(z.string())
      .min(1)
      .max(MAX_ZONES)
      .optional()
      .meta({
        description:
          "Zone names to place subnets in, in order (each account maps names to its own zones; prefer availabilityZoneIds). At least azCount.",
        examples: [["eu-west-1a", "eu-west-1b", "eu-west-1c"]],
      }),
    subnetLayout: z.enum(["v1", "v2"]).default("v2").meta({
      description:
        "v2: each zone's subnet ranges depend only on its index, so azCount changes add or remove the last zone's subnets. v1: the layout of releases before v2, for environments applied with it (a v2 plan of such an environment fails rather than replacing them).",
    }),
    egress: z.enum(["nat", "none"]).default("nat").meta({
      description:
        "nat: public subnets, an internet gateway and NAT gateways. none: no internet path at all; VPC endpoints serve AWS APIs.",
    }),
    singleNatGateway: z
      .boolean()
      .default(false)
      .meta({ description: "One NAT gateway for all zones (cheaper, one zone's failure cuts egress for all)." }),
    flowLogs: z
      .strictObject({ retentionDays: retentionDays.default(365).meta({ description: "Days to keep VPC flow logs." }) })
      .prefault({}),
  })
  .superRefine((network, ctx) => {
    report(ctx, subnetPlanProblems(network.cidr, network.azCount, network.subnetLayout));
    report(ctx, pinnedZoneProblems(network, network.azCount));
  })
  .prefault({})
  .meta({ description: "The VPC." });
