import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Fn, TerraformResourceLifecycle } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../core/problems";
import { isToken, knownValueProblems, tokenProblem } from "../shared/tokens";
import { cidrProblem } from "../../core/cidr";
import { EgressOrder } from "./egress-order";
import { FlowLogs } from "./flow-logs";
import { SubnetLayoutGuard } from "./layout-guard";
import { SubnetLayout, azCountProblem, planSubnets, subnetPlanProblems } from "./subnet-plan";
import { VpcEndpoints } from "./vpc-endpoints";
import { pinnedZoneProblems } from "./zones";

/** How private subnets reach AWS APIs and the internet. */
export type Egress = "nat" | "none";

export interface NetworkProps {
  /** Prefix of resource names and Name tags, e.g. the environment name. */
  readonly name: string;
  /**
   * The VPC's IPv4 range (/16 to /28, large enough for the subnets).
   * @default "10.0.0.0/16"
   */
  readonly cidr?: string;
  /**
   * How many availability zones get subnets (2 to 6): the first `azCount` of the pinned zones, or of
   * the region's Availability Zones (Local and Wavelength Zones excluded, whatever their state).
   * @default 3
   */
  readonly azCount?: number;
  /**
   * Zone IDs to place subnets in, in order (`euw1-az1`, ...): the same physical zones in every
   * account. Preferred over `availabilityZones`; at least `azCount`, no duplicates.
   * @default - the region's Availability Zones, sorted by name
   */
  readonly availabilityZoneIds?: string[];
  /**
   * Zone names to place subnets in, in order (`eu-west-1a`, ...); each account maps names to its
   * own zones. At least `azCount`, no duplicates; not with `availabilityZoneIds`.
   * @default - the region's Availability Zones, sorted by name
   */
  readonly availabilityZones?: string[];
  /**
   * `v2`: each zone's subnet ranges depend only on its index, so changing `azCount` adds or removes
   * the last zone's subnets. `v1`: the layout of earlier releases (ranges depend on `azCount`), for
   * environments applied with it; a `v2` plan of such an environment fails instead of replacing them.
   * @default "v2"
   */
  readonly subnetLayout?: SubnetLayout;
  /**
   * `nat`: public subnets, an internet gateway and NAT gateways. `none`: no internet path; VPC
   * endpoints serve the AWS APIs a private cluster needs.
   * @default "nat"
   */
  readonly egress?: Egress;
  /**
   * One NAT gateway for all zones instead of one per zone (cheaper; a zone outage cuts egress).
   * @default false
   */
  readonly singleNatGateway?: boolean;
  /**
   * Days to keep VPC flow logs.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
}

/**
 * A VPC for a private EKS cluster: DNS support and hostnames on (the private endpoint resolves
 * through a Route 53 private zone), private subnets in every zone, egress through NAT or VPC
 * endpoints, flow logs, and the default security group emptied.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly cidr: string;
  readonly egress: Egress;
  readonly subnetLayout: SubnetLayout;
  readonly privateSubnetIds: string[];
  readonly publicSubnetIds: string[];
  readonly privateRouteTableIds: string[];
  /** Present when `egress` is `none`. */
  readonly endpoints?: VpcEndpoints;
  readonly flowLogs: FlowLogs;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.cidr = props.cidr ?? "10.0.0.0/16";
    this.egress = props.egress ?? "nat";
    this.subnetLayout = props.subnetLayout ?? "v2";
    const azCount = props.azCount ?? 3;
    // The subnets are planned from the CIDR and the zone count at synth: both must be known then.
    throwIfAny(this.node.path, [
      ...(isToken(this.cidr) ? [tokenProblem(["cidr"], "plans the subnets at synth", "10.0.0.0/16")] : []),
      ...(isToken(azCount) ? [tokenProblem(["azCount"], "plans the subnets at synth", "3")] : []),
    ]);
    const cidrIssue = cidrProblem(this.cidr);
    throwIfAny(this.node.path, [
      ...(cidrIssue ? [{ path: ["cidr"], message: cidrIssue }] : []),
      ...[azCountProblem(azCount)].filter((m) => m !== undefined).map((message) => ({ path: ["azCount"], message })),
      ...(this.subnetLayout !== "v1" && this.subnetLayout !== "v2"
        ? [
            {
              path: ["subnetLayout"],
              message: `${JSON.stringify(this.subnetLayout)} is not a subnet layout; use v2, or v1 for an environment applied with it`,
            },
          ]
        : []),
      ...knownValueProblems(props, pinnedZoneProblems(props, azCount)),
    ]);
    throwIfAny(this.node.path, subnetPlanProblems(this.cidr, azCount, this.subnetLayout));
    const plan = planSubnets(this.cidr, azCount, this.subnetLayout);
    const name = props.name;
    const guard = this.subnetLayout === "v2" ? new SubnetLayoutGuard(this, "layout-guard", { name, vpcCidr: this.cidr }) : undefined;

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: this.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name },
      lifecycle: guard ? { precondition: [{ condition: guard.condition, errorMessage: guard.errorMessage }] } : undefined,
    });
    new DefaultSecurityGroup(this, "default-security-group", { vpcId: this.vpc.id, tags: { Name: `${name}-default-unused` } });

    const zone = this.zonePlacement(props, azCount);

    const privateSubnets = plan.private.map(
      (cidrBlock, i) =>
        new Subnet(this, `private-${i}`, {
          vpcId: this.vpc.id,
          cidrBlock,
          ...zone(i),
          tags: { Name: `${name}-private-${i}`, "kubernetes.io/role/internal-elb": "1" },
        }),
    );
    const privateRouteTables = privateSubnets.map((subnet, i) => {
      const table = new RouteTable(this, `private-routes-${i}`, { vpcId: this.vpc.id, tags: { Name: `${name}-private-${i}` } });
      new RouteTableAssociation(this, `private-routes-${i}-association`, { subnetId: subnet.id, routeTableId: table.id });
      return table;
    });
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.privateRouteTableIds = privateRouteTables.map((t) => t.id);
    this.publicSubnetIds = [];

    if (this.egress === "nat") {
      const gateway = new InternetGateway(this, "internet-gateway", { vpcId: this.vpc.id, tags: { Name: name } });
      const publicRoutes = new RouteTable(this, "public-routes", { vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
      const publicRoute = new Route(this, "public-default-route", {
        routeTableId: publicRoutes.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: gateway.id,
      });
      const publicAssociations: RouteTableAssociation[] = [];
      const publicSubnets = plan.public.map((cidrBlock, i) => {
        const subnet = new Subnet(this, `public-${i}`, {
          vpcId: this.vpc.id,
          cidrBlock,
          ...zone(i),
          tags: { Name: `${name}-public-${i}`, "kubernetes.io/role/elb": "1" },
        });
        publicAssociations.push(
          new RouteTableAssociation(this, `public-${i}-association`, { subnetId: subnet.id, routeTableId: publicRoutes.id }),
        );
        return subnet;
      });
      this.publicSubnetIds = publicSubnets.map((s) => s.id);
      const natCount = props.singleNatGateway ? 1 : azCount;
      const nats = publicSubnets.slice(0, natCount).map((subnet, i) => {
        const ip = new Eip(this, `nat-ip-${i}`, { domain: "vpc", tags: { Name: `${name}-nat-${i}` } });
        return new NatGateway(this, `nat-${i}`, {
          subnetId: subnet.id,
          allocationId: ip.allocationId,
          tags: { Name: `${name}-nat-${i}` },
          dependsOn: [gateway],
        });
      });
      const routes = privateRouteTables.map(
        (table, i) =>
          new Route(this, `private-routes-${i}-default-route`, {
            routeTableId: table.id,
            destinationCidrBlock: "0.0.0.0/0",
            natGatewayId: nats[i % nats.length].id,
          }),
      );
      new EgressOrder(this, "egress-order", { egress: this.egress, providers: [publicRoute, ...publicAssociations, ...nats, ...routes] });
    } else {
      this.endpoints = new VpcEndpoints(this, "endpoints", {
        name,
        vpcId: this.vpc.id,
        vpcCidr: this.cidr,
        subnetIds: this.privateSubnetIds,
        routeTableIds: this.privateRouteTableIds,
      });
      new EgressOrder(this, "egress-order", { egress: this.egress, providers: this.endpoints.ready });
    }

    this.flowLogs = new FlowLogs(this, "flow-logs", { vpcId: this.vpc.id, name, retentionDays: props.flowLogRetentionDays });
  }

  /**
   * Where subnet i goes: a pinned zone ID or name as a literal, else the i-th of the region's
   * Availability Zones. The list is filtered on opt-in status only (Local and Wavelength Zones are
   * opt-in), never on state, so a zone reported impaired does not shift the zones after it.
   */
  private zonePlacement(
    props: NetworkProps,
    azCount: number,
  ): (i: number) => { availabilityZone?: string; availabilityZoneId?: string; lifecycle?: TerraformResourceLifecycle } {
    if (props.availabilityZoneIds) return (i) => ({ availabilityZoneId: props.availabilityZoneIds![i] });
    if (props.availabilityZones) return (i) => ({ availabilityZone: props.availabilityZones![i] });
    const zones = new DataAwsAvailabilityZones(this, "zones", { filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] });
    return (i) => ({
      availabilityZone: Fn.element(zones.names, i),
      lifecycle: {
        precondition: [
          {
            condition: `\${length(${zones.fqn}.names) > ${i}}`,
            errorMessage: `azCount is ${azCount}, but the region has fewer Availability Zones; lower azCount to the number of zones the region has.`,
          },
        ],
      },
    });
  }
}
