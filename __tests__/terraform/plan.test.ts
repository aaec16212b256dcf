import { clusterJson } from "../support/environment";
import { Moto, planAgainst, plannedResources } from "../support/moto";
import { describeWith, hasMoto, hasTerraform } from "../support/tools";

describeWith("moto", hasTerraform() && hasMoto(), "terraform plan against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await Moto.start();
  });
  afterAll(() => moto?.stop());

  test("the default environment plans: DNS flags on, NAT egress, flow logs encrypted", async () => {
    const planned = plannedResources(await planAgainst(moto, clusterJson()));
    expect(planned["aws_vpc.network_vpc"].change.after).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true, cidr_block: "10.0.0.0/16" });
    expect(planned["aws_internet_gateway.network_internet-gateway"].change.actions).toEqual(["create"]);
    expect(planned["aws_subnet.network_private-0"].change.after).toMatchObject({ cidr_block: "10.0.0.0/18", map_public_ip_on_launch: false });
    expect(planned["aws_kms_key.network_flow-logs_key_key"].change.after).toMatchObject({ enable_key_rotation: true });
    expect(planned["aws_flow_log.network_flow-logs_flow-log"].change.after).toMatchObject({ traffic_type: "ALL" });
    // moto's zones were read at plan time: the subnets have concrete zones
    expect(planned["aws_subnet.network_private-1"].change.after.availability_zone).toMatch(/^[a-z]{2}-[a-z]+-\d[a-z]$/);
  });

  test("egress none plans no internet gateway, NAT or public subnet, and the endpoints", async () => {
    const planned = plannedResources(await planAgainst(moto, clusterJson({ network: { egress: "none" } })));
    const types = new Set(Object.values(planned).map((r: any) => r.type));
    expect(types.has("aws_internet_gateway")).toBe(false);
    expect(types.has("aws_nat_gateway")).toBe(false);
    expect(Object.keys(planned).filter((a) => a.startsWith("aws_subnet.network_public"))).toEqual([]);
    expect(planned["aws_vpc_endpoint.network_endpoints_eks-auth"].change.after).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.eks-auth",
      private_dns_enabled: true,
      vpc_endpoint_type: "Interface",
    });
  });
});
