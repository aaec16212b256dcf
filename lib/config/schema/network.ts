import { z } from "zod";
import { subnetPlanProblems } from "../../../modules/network/subnet-plan";
import { cidr, report, retentionDays } from "./common";

export const networkSchema = z
  .strictObject({
    cidr: cidr.default("10.0.0.0/16").meta({ description: "The VPC's IPv4 range; subnets are carved from it deterministically." }),
    azCount: z.number().int().min(2).max(6).default(3).meta({ description: "How many availability zones to spread subnets and NAT gateways over.", examples: [3] }),
    egress: z
      .enum(["nat", "none"])
      .default("nat")
      .meta({ description: "nat: public subnets, an internet gateway and NAT gateways. none: no internet path at all; VPC endpoints serve AWS APIs." }),
    singleNatGateway: z.boolean().default(false).meta({ description: "One NAT gateway for all zones (cheaper, one zone's failure cuts egress for all)." }),
    flowLogs: z
      .strictObject({ retentionDays: retentionDays.default(365).meta({ description: "Days to keep VPC flow logs." }) })
      .prefault({}),
  })
  .superRefine((network, ctx) => report(ctx, subnetPlanProblems(network.cidr, network.azCount)))
  .prefault({})
  .meta({ description: "The VPC." });

