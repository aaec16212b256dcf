import { all, variants } from "../support/security";
import { nonEmpty } from "../support/environment";

/** Rules mirrored from Trivy's AWS checks (AVD-AWS-*), over every shipped config and variant. */
describe.each(variants().map((v) => [v.name, v] as const))("Trivy rules: %s", (_, v) => {
  const tf = v.cluster;
  const cluster = () => all(tf, "aws_eks_cluster")[0][1];

  test("AVD-AWS-0038: EKS control-plane logging enabled", () => {
    // GIVEN the variant's cluster stack THEN all five control-plane log types are enabled
    expect(cluster().enabled_cluster_log_types).toEqual(
      expect.arrayContaining(["api", "audit", "authenticator", "controllerManager", "scheduler"]),
    );
  });

  test("AVD-AWS-0039: EKS secrets encrypted", () => {
    // GIVEN the variant's cluster stack THEN the cluster encrypts secrets
    expect(cluster().encryption_config.resources).toEqual(["secrets"]);
  });

  test("AVD-AWS-0040: EKS public access disabled (unless the config opts in: SECURITY.md)", () => {
    // GIVEN the variant's cluster stack THEN the public endpoint is on only where the config opts in
    expect(cluster().vpc_config.endpoint_public_access).toBe(v.publicEndpoint);
  });

  test("AVD-AWS-0041: EKS public access restricted to named CIDRs", () => {
    // GIVEN the variant's cluster stack THEN no public CIDR is 0.0.0.0/0, and a public endpoint names at least one
    const cidrs: string[] = cluster().vpc_config.public_access_cidrs ?? [];
    expect(cidrs.filter((c) => c === "0.0.0.0/0")).toEqual([]);
    if (v.publicEndpoint) expect(cidrs.length).toBeGreaterThan(0);
  });

  test("AVD-AWS-0028: instances require IMDSv2 tokens", () => {
    // GIVEN the variant's instances THEN each requires IMDSv2 tokens
    for (const [name, r] of nonEmpty(all(tf, "aws_instance"))) expect([name, r.metadata_options.http_tokens]).toEqual([name, "required"]);
  });

  test("AVD-AWS-0130: launch templates require IMDSv2 tokens", () => {
    // GIVEN the variant's launch templates (at least one) THEN each requires IMDSv2 tokens
    expect(all(tf, "aws_launch_template").length).toBeGreaterThan(0);
    for (const [name, r] of nonEmpty(all(tf, "aws_launch_template")))
      expect([name, r.metadata_options.http_tokens]).toEqual([name, "required"]);
  });

  test("AVD-AWS-0104: no egress to the internet, except the bastion's HTTPS with NAT egress (SECURITY.md)", () => {
    // GIVEN the variant's egress rules THEN the only one to 0.0.0.0/0 or ::/0 is the bastion's TCP 443, and only with NAT egress
    const open = all(tf, "aws_vpc_security_group_egress_rule").filter(([, r]) => r.cidr_ipv4 === "0.0.0.0/0" || r.cidr_ipv6 === "::/0");
    expect(open.map(([name, r]) => [name, r.ip_protocol, r.from_port, r.to_port])).toEqual(
      v.natEgress ? [["bastion_https-to-internet", "tcp", 443, 443]] : [],
    );
  });

  test("AVD-AWS-0017: log groups encrypted with a customer-managed KMS key", () => {
    // GIVEN the variant's log groups THEN each is encrypted with one of the stack's KMS keys
    for (const [name, g] of nonEmpty(all(tf, "aws_cloudwatch_log_group")))
      expect([name, g.kms_key_id]).toEqual([name, expect.stringMatching(/^\$\{aws_kms_key\./)]);
  });

  test("AVD-AWS-0065: KMS keys rotate", () => {
    // GIVEN the variant's KMS keys THEN each rotates
    for (const [name, k] of nonEmpty(all(tf, "aws_kms_key"))) expect([name, k.enable_key_rotation]).toEqual([name, true]);
  });
});
