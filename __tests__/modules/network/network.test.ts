import { Network } from "../../../modules/network/network";
import { INTERFACE_ENDPOINT_SERVICES } from "../../../modules/network/vpc-endpoints";
import { TfJson, only, resources } from "../../support/environment";
import { synthJson, testStack } from "../../support/fixture";

function network(props: Partial<ConstructorParameters<typeof Network>[2]> = {}): TfJson {
  const stack = testStack();
  new Network(stack, "network", { name: "dev", cidr: "10.0.0.0/16", ...props });
  return synthJson(stack);
}

describe("Network", () => {
  test("the VPC resolves private endpoints: DNS support and DNS hostnames are on", () => {
    // GIVEN a network on 10.0.0.0/16 WHEN synthesized THEN the VPC has that CIDR, DNS support and DNS hostnames
    const vpc = only(network(), "aws_vpc");
    expect(vpc).toMatchObject({ cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  test("private subnets: one per zone from the data source, carved CIDRs, internal-elb tag, no public IPs", () => {
    // GIVEN a network with defaults (3 zones) WHEN synthesized THEN three private and three public subnets
    // AND a private subnet has its carved /19, its zone from the zone data source, the internal-elb tag; no subnet maps public IPs
    const tf = network();
    const subnets = resources(tf, "aws_subnet");
    expect(Object.keys(subnets).sort()).toEqual([
      "network_private-0",
      "network_private-1",
      "network_private-2",
      "network_public-0",
      "network_public-1",
      "network_public-2",
    ]);
    expect(subnets["network_private-1"]).toMatchObject({
      cidr_block: "10.0.32.0/19",
      availability_zone: "${element(data.aws_availability_zones.network_zones.names, 1)}",
      tags: { "kubernetes.io/role/internal-elb": "1" },
    });
    for (const subnet of Object.values(subnets)) expect(subnet.map_public_ip_on_launch).toBeUndefined();
    // AND the zone lookup takes Availability Zones only, and the last zone's subnet fails the plan with the fix if the region has fewer zones
    // Availability Zones only (Local and Wavelength Zones are opt-in), in any state: an impaired zone does not shift the list
    expect(tf.data?.aws_availability_zones?.network_zones).toEqual({
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    });
    expect(subnets["network_private-2"].lifecycle.precondition).toEqual([
      {
        condition: "${length(data.aws_availability_zones.network_zones.names) > 2}",
        error_message: "azCount is 3, but the region has fewer Availability Zones; lower azCount to the number of zones the region has.",
      },
    ]);
  });

  test("egress nat: public subnets tagged elb, an internet gateway, a NAT gateway per zone and default routes through them", () => {
    // GIVEN egress nat (the default) WHEN synthesized THEN a public subnet tagged elb, one internet gateway, three NAT gateways
    // AND each private route table's default route goes through its zone's NAT gateway, the public one through the internet gateway; no VPC endpoints
    const tf = network();
    expect(resources(tf, "aws_subnet")["network_public-2"]).toMatchObject({
      cidr_block: "10.0.232.0/22",
      tags: { "kubernetes.io/role/elb": "1" },
    });
    expect(Object.keys(resources(tf, "aws_internet_gateway"))).toEqual(["network_internet-gateway"]);
    expect(Object.keys(resources(tf, "aws_nat_gateway"))).toHaveLength(3);
    const routes = resources(tf, "aws_route");
    expect(routes["network_private-routes-2-default-route"]).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "${aws_nat_gateway.network_nat-2.id}",
    });
    expect(routes["network_public-default-route"]).toMatchObject({ gateway_id: "${aws_internet_gateway.network_internet-gateway.id}" });
    expect(resources(tf, "aws_vpc_endpoint")).toEqual({});
  });

  test("singleNatGateway: every zone routes through the one NAT gateway", () => {
    // GIVEN singleNatGateway WHEN synthesized THEN one NAT gateway, and every zone's default route goes through it
    const tf = network({ singleNatGateway: true });
    expect(Object.keys(resources(tf, "aws_nat_gateway"))).toEqual(["network_nat-0"]);
    for (const i of [0, 1, 2]) {
      expect(resources(tf, "aws_route")[`network_private-routes-${i}-default-route`].nat_gateway_id).toBe(
        "${aws_nat_gateway.network_nat-0.id}",
      );
    }
  });

  test("egress none: no internet path, interface endpoints with private DNS, S3 gateway on the private route tables", () => {
    // GIVEN egress none WHEN synthesized THEN no internet gateway, NAT gateway, elastic IP, route or public subnet
    // AND an interface endpoint with private DNS and the endpoints' security group per service, and the S3 gateway endpoint on the three private route tables
    const tf = network({ egress: "none" });
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route"]) expect(resources(tf, type)).toEqual({});
    expect(Object.keys(resources(tf, "aws_subnet")).filter((k) => k.includes("public"))).toEqual([]);
    const endpoints = resources(tf, "aws_vpc_endpoint");
    const services = Object.values(endpoints).map((e: any) =>
      e.service_name.replace("com.amazonaws.${data.aws_region.context_region.name}.", ""),
    );
    expect(services.sort()).toEqual([...INTERFACE_ENDPOINT_SERVICES, "s3"].sort());
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      expect(endpoints[`network_endpoints_${service.replace(".", "-")}`]).toMatchObject({
        vpc_endpoint_type: "Interface",
        private_dns_enabled: true,
        security_group_ids: ["${aws_security_group.network_endpoints_security-group.id}"],
      });
    }
    expect(endpoints["network_endpoints_s3"]).toMatchObject({
      vpc_endpoint_type: "Gateway",
      route_table_ids: [
        "${aws_route_table.network_private-routes-0.id}",
        "${aws_route_table.network_private-routes-1.id}",
        "${aws_route_table.network_private-routes-2.id}",
      ],
    });
  });

  test("egress none: the endpoints admit only HTTPS from the VPC CIDR", () => {
    // GIVEN egress none in 10.8.0.0/16 WHEN synthesized THEN the only ingress rule admits TCP 443 from the VPC CIDR, described
    // AND the endpoints' security group has no inline rules
    const tf = network({ egress: "none", cidr: "10.8.0.0/16" });
    const rules = Object.values(resources(tf, "aws_vpc_security_group_ingress_rule"));
    expect(rules).toEqual([
      expect.objectContaining({
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.8.0.0/16",
        description: expect.any(String),
      }),
    ]);
    const group = only(tf, "aws_security_group");
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test("flow logs: all traffic into a KMS-encrypted log group kept 365 days, key rotation on", () => {
    // GIVEN a network WHEN synthesized THEN a flow log of ALL traffic to CloudWatch Logs, in /aws/vpc/dev/flow-logs kept 365 days and encrypted with a rotating key
    // AND the flow-log role may only write to that group's streams and describe them
    const tf = network();
    expect(only(tf, "aws_flow_log")).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    expect(only(tf, "aws_cloudwatch_log_group")).toMatchObject({
      name: "/aws/vpc/dev/flow-logs",
      retention_in_days: 365,
      kms_key_id: "${aws_kms_key.network_flow-logs_key_key.arn}",
    });
    expect(only(tf, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const policy = JSON.parse(only(tf, "aws_iam_role_policy").policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "WriteFlowLogStreams",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "${aws_cloudwatch_log_group.network_flow-logs_log-group.arn}:log-stream:*",
      },
      {
        Sid: "DescribeFlowLogStreams",
        Effect: "Allow",
        Action: "logs:DescribeLogStreams",
        Resource: "${aws_cloudwatch_log_group.network_flow-logs_log-group.arn}",
      },
    ]);
  });

  test("flow log retention is configurable", () => {
    // GIVEN flowLogRetentionDays 731 WHEN synthesized THEN the flow-log group keeps logs 731 days
    expect(only(network({ flowLogRetentionDays: 731 }), "aws_cloudwatch_log_group").retention_in_days).toBe(731);
  });

  test("the default security group is taken over with no rules", () => {
    // GIVEN a network WHEN synthesized THEN the VPC's default security group is managed, with no ingress or egress
    const group = only(network(), "aws_default_security_group");
    expect(group.vpc_id).toBe("${aws_vpc.network_vpc.id}");
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test("bad props throw with the construct path and the fix", () => {
    // GIVEN a CIDR too small for layout v1 or for v2, azCount 7, or a zone ID listed twice THEN each throws with the construct path and the fix
    expect(() => network({ cidr: "10.0.0.0/26", subnetLayout: "v1" })).toThrow(
      "test/network: cidr: 10.0.0.0/26 is too small for 3 private + 3 public subnets (each at least /28); use a /24 or larger (example: 10.0.0.0/16), or lower azCount",
    );
    expect(() => network({ cidr: "10.0.0.0/24" })).toThrow(
      "test/network: cidr: 10.0.0.0/24 is too small for the stable subnet layout (subnetLayout v2), which keeps room for 6 zones (private /27, public /30, each at least /28); use a /22 or larger (example: 10.0.0.0/16)",
    );
    expect(() => network({ azCount: 7 })).toThrow("test/network: azCount: 7 is out of range; use 2 to 6");
    expect(() => network({ availabilityZoneIds: ["euw1-az1", "euw1-az1"] })).toThrow(
      'test/network: availabilityZoneIds[1]: "euw1-az1" is already listed at availabilityZoneIds[0]; list each zone once (subnets of one environment go in different zones)',
    );
  });
});

describe("Network zones", () => {
  test("pinned zone IDs: literal availability_zone_id per subnet, in order, no zone data source", () => {
    // GIVEN four zone IDs for three zones; WHEN synthesized
    const tf = network({ availabilityZoneIds: ["euw1-az3", "euw1-az1", "euw1-az2", "euw1-az4"] });
    const subnets = resources(tf, "aws_subnet");
    // THEN the first three are used, by ID, for private and public subnets alike
    expect(["network_private-0", "network_private-1", "network_private-2"].map((k) => subnets[k].availability_zone_id)).toEqual([
      "euw1-az3",
      "euw1-az1",
      "euw1-az2",
    ]);
    expect(subnets["network_public-2"]).toMatchObject({ availability_zone_id: "euw1-az2" });
    expect(subnets["network_public-2"].availability_zone).toBeUndefined();
    expect(tf.data?.aws_availability_zones).toBeUndefined();
  });

  test("pinned zone names: literal availability_zone per subnet", () => {
    // GIVEN zone names; WHEN synthesized; THEN literal zones, no lookup
    const tf = network({ azCount: 2, availabilityZones: ["eu-west-1b", "eu-west-1c"] });
    expect(resources(tf, "aws_subnet")["network_private-1"]).toMatchObject({ availability_zone: "eu-west-1c" });
    expect(tf.data?.aws_availability_zones).toBeUndefined();
  });
});

describe("Network subnet layouts", () => {
  test("v1 keeps the earlier ranges and has no layout guard", () => {
    // GIVEN subnetLayout v1; WHEN synthesized
    const tf = network({ subnetLayout: "v1" });
    // THEN the ranges of earlier releases, and no precondition on the VPC
    expect(resources(tf, "aws_subnet")["network_private-1"].cidr_block).toBe("10.0.64.0/18");
    expect(resources(tf, "aws_subnet")["network_public-2"].cidr_block).toBe("10.0.224.0/20");
    expect(only(tf, "aws_vpc").lifecycle).toBeUndefined();
    expect(tf.data?.aws_subnets).toBeUndefined();
  });

  test("v2 guards the upgrade: a plan fails when this environment's subnets sit at v1-only ranges", () => {
    // GIVEN the default layout; WHEN synthesized
    const tf = network();
    // THEN a lookup of this environment's subnets at v1-only ranges (no dependency on the VPC: read at plan time)
    const lookup = tf.data!.aws_subnets["network_layout-guard_v1-subnets"];
    expect(lookup.filter[0]).toEqual({ name: "tag:Name", values: expect.arrayContaining(["dev-private-0", "dev-public-5"]) });
    expect(lookup.filter[0].values).toHaveLength(12);
    expect(lookup.filter[1]).toEqual({
      name: "cidr-block",
      values: expect.arrayContaining(["10.0.0.0/18", "10.0.64.0/18", "10.0.192.0/20"]),
    });
    expect(JSON.stringify(lookup)).not.toContain("aws_vpc");
    // AND a precondition on the VPC that names the switch
    expect(only(tf, "aws_vpc").lifecycle.precondition).toEqual([
      {
        condition: "${length(data.aws_subnets.network_layout-guard_v1-subnets.ids) == 0}",
        error_message:
          'Subnets of "dev" exist at the ranges of the earlier subnet layout (v1), and the stable layout (v2, the default) would replace them. Keep them: set network.subnetLayout: v1 in the environment\'s file (README, "Subnet layouts").',
      },
    ]);
  });
});

describe("Network egress order", () => {
  test("nat: a create-before-destroy marker that depends on the NAT gateways, the routes and the public path", () => {
    // GIVEN egress nat; WHEN synthesized
    const marker = resources(network(), "terraform_data")["network_egress-order_marker"];
    // THEN replaced on a mode change, created after its providers, destroyed only after its replacement exists
    expect(marker).toMatchObject({
      input: { egress: "nat" },
      triggers_replace: { egress: "nat" },
      lifecycle: { create_before_destroy: true },
    });
    expect(marker.depends_on).toEqual(
      expect.arrayContaining([
        "aws_route.network_public-default-route",
        "aws_route_table_association.network_public-0-association",
        "aws_nat_gateway.network_nat-2",
        "aws_route.network_private-routes-2-default-route",
      ]),
    );
  });

  test("none: the marker depends on every endpoint, their security group and its rule", () => {
    // GIVEN egress none; WHEN synthesized
    const marker = resources(network({ egress: "none" }), "terraform_data")["network_egress-order_marker"];
    // THEN 12 interface endpoints + S3 + security group + rule
    expect(marker.input).toEqual({ egress: "none" });
    expect(marker.depends_on).toHaveLength(15);
    expect(marker.depends_on).toEqual(
      expect.arrayContaining([
        "aws_security_group.network_endpoints_security-group",
        "aws_vpc_security_group_ingress_rule.network_endpoints_https-from-vpc",
        "aws_vpc_endpoint.network_endpoints_s3",
      ]),
    );
  });
});
