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
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { throwIfAny } from "../../lib/problems";
import { cidrProblem } from "../../lib/cidr";
import { FlowLogs } from "./flow-logs";
import { planSubnets, subnetPlanProblems } from "./subnet-plan";
import { VpcEndpoints } from "./vpc-endpoints";

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
   * Availability zones to use, taken in order from the region's available zones (2 to 6).
   * @default 3
   */
  readonly azCount?: number;
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
    const azCount = props.azCount ?? 3;
    const cidrIssue = cidrProblem(this.cidr);
    throwIfAny(this.node.path, [
      ...(cidrIssue ? [{ path: ["cidr"], message: cidrIssue }] : []),
      ...(azCount < 2 || azCount > 6 || !Number.isInteger(azCount) ? [{ path: ["azCount"], message: `${azCount} is out of range; use 2 to 6` }] : []),
    ]);
    throwIfAny(this.node.path, subnetPlanProblems(this.cidr, azCount));
    const plan = planSubnets(this.cidr, azCount);
    const name = props.name;

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: this.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name },
    });
    new DefaultSecurityGroup(this, "default-security-group", { vpcId: this.vpc.id, tags: { Name: `${name}-default-unused` } });

    const zones = new DataAwsAvailabilityZones(this, "zones", { state: "available" });
    const zone = (i: number) => Fn.element(zones.names, i);

    const privateSubnets = plan.private.map(
      (cidrBlock, i) =>
        new Subnet(this, `private-${i}`, {
          vpcId: this.vpc.id,
          cidrBlock,
          availabilityZone: zone(i),
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
      new Route(this, "public-default-route", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: gateway.id });
      const publicSubnets = plan.public.map((cidrBlock, i) => {
        const subnet = new Subnet(this, `public-${i}`, {
          vpcId: this.vpc.id,
          cidrBlock,
          availabilityZone: zone(i),
          tags: { Name: `${name}-public-${i}`, "kubernetes.io/role/elb": "1" },
        });
        new RouteTableAssociation(this, `public-${i}-association`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
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
      privateRouteTables.forEach((table, i) => {
        new Route(this, `private-routes-${i}-default-route`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: nats[i % nats.length].id,
        });
      });
    } else {
      this.endpoints = new VpcEndpoints(this, "endpoints", {
        name,
        vpcId: this.vpc.id,
        vpcCidr: this.cidr,
        subnetIds: this.privateSubnetIds,
        routeTableIds: this.privateRouteTableIds,
      });
    }

    this.flowLogs = new FlowLogs(this, "flow-logs", { vpcId: this.vpc.id, name, retentionDays: props.flowLogRetentionDays });
  }
}
