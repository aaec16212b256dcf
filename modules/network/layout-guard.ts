import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { Construct } from "constructs";
import { MAX_ZONES, v1OnlyRanges } from "./subnet-plan";

export interface SubnetLayoutGuardProps {
  /** The subnets' Name tag prefix (`<name>-private-<i>`, `<name>-public-<i>`). */
  readonly name: string;
  readonly vpcCidr: string;
}

/**
 * Finds this environment's subnets that sit at ranges only the earlier layout (v1) gives them. It
 * reads AWS at plan time (it depends on no managed resource), so a v2 configuration applied to a v1
 * environment fails its plan on the precondition `condition` instead of replacing the subnets.
 */
export class SubnetLayoutGuard extends Construct {
  /** A Terraform expression, true when no subnet of this environment is laid out by v1. */
  readonly condition: string;
  readonly errorMessage: string;

  constructor(scope: Construct, id: string, props: SubnetLayoutGuardProps) {
    super(scope, id);
    const names = [...Array(MAX_ZONES).keys()].flatMap((i) => [`${props.name}-private-${i}`, `${props.name}-public-${i}`]);
    const found = new DataAwsSubnets(this, "v1-subnets", {
      filter: [
        { name: "tag:Name", values: names },
        { name: "cidr-block", values: v1OnlyRanges(props.vpcCidr) },
      ],
    });
    this.condition = `\${length(${found.fqn}.ids) == 0}`;
    this.errorMessage =
      `Subnets of "${props.name}" exist at the ranges of the earlier subnet layout (v1), and the stable layout (v2, the default) ` +
      `would replace them. Keep them: set network.subnetLayout: v1 in the environment's file (README, "Subnet layouts").`;
  }
}
