import { expandAction } from "../../core/iam-actions";
import { all, list, policies, statements, variants } from "../support/security";
import { nonEmpty } from "../support/environment";

/** Rules mirrored from Checkov's AWS Terraform checks, over every shipped config and variant. */
describe.each(variants().map((v) => [v.name, v] as const))("Checkov rules: %s", (_, v) => {
  const tf = v.cluster;
  const cluster = () => all(tf, "aws_eks_cluster")[0][1];

  test("CKV_AWS_37: EKS control-plane logging has all five log types", () => {
    // GIVEN the variant's cluster stack THEN the EKS cluster logs api, audit, authenticator, controllerManager and scheduler
    expect([...cluster().enabled_cluster_log_types].sort()).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
  });

  test("CKV_AWS_38: a public EKS endpoint is not open to 0.0.0.0/0", () => {
    // GIVEN the variant's cluster stack THEN a public endpoint lists no 0.0.0.0/0, and a private-only one sets no public CIDRs
    const vpc = cluster().vpc_config;
    if (vpc.endpoint_public_access) expect(vpc.public_access_cidrs.filter((c: string) => c === "0.0.0.0/0")).toEqual([]);
    else expect(vpc.public_access_cidrs).toBeUndefined();
  });

  test("CKV_AWS_39: the EKS public endpoint is off (unless the config opts in: SECURITY.md)", () => {
    // GIVEN the variant's cluster stack THEN the public endpoint is on only where the config asks for it, the private endpoint always
    expect(cluster().vpc_config.endpoint_public_access).toBe(v.publicEndpoint);
    expect(cluster().vpc_config.endpoint_private_access).toBe(true);
  });

  test("CKV_AWS_58: EKS secrets are envelope-encrypted with KMS", () => {
    // GIVEN the variant's cluster stack THEN secrets are encrypted with one of the stack's own KMS keys
    expect(cluster().encryption_config).toEqual({
      provider: { key_arn: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) },
      resources: ["secrets"],
    });
  });

  test("CKV_AWS_79: IMDSv2 required on launch templates and instances", () => {
    // GIVEN the variant's launch templates and instances THEN each requires IMDSv2 tokens
    for (const type of ["aws_launch_template", "aws_instance"])
      for (const [name, r] of nonEmpty(all(tf, type))) expect([name, r.metadata_options?.http_tokens]).toEqual([name, "required"]);
  });

  test("CKV_AWS_341: IMDS hop limit 1 on launch templates and instances", () => {
    // GIVEN the variant's launch templates and instances THEN each sets an IMDS hop limit of 1
    for (const type of ["aws_launch_template", "aws_instance"])
      for (const [name, r] of nonEmpty(all(tf, type))) expect([name, r.metadata_options?.http_put_response_hop_limit]).toEqual([name, 1]);
  });

  test("CKV_AWS_88: no public IP on instances", () => {
    // GIVEN the variant's instances THEN none gets a public IP
    for (const [name, r] of nonEmpty(all(tf, "aws_instance"))) expect([name, r.associate_public_ip_address]).toEqual([name, false]);
  });

  test("CKV_AWS_8: root volumes encrypted (launch templates and instances)", () => {
    // GIVEN the variant's launch templates and instances THEN every block device and root volume is encrypted
    for (const [name, t] of nonEmpty(all(tf, "aws_launch_template")))
      for (const m of t.block_device_mappings ?? []) expect([name, m.ebs?.encrypted]).toEqual([name, "true"]);
    for (const [name, i] of nonEmpty(all(tf, "aws_instance"))) expect([name, i.root_block_device?.encrypted]).toEqual([name, true]);
  });

  test("CKV_AWS_126: detailed monitoring on instances", () => {
    // GIVEN the variant's instances THEN each has detailed monitoring
    for (const [name, r] of nonEmpty(all(tf, "aws_instance"))) expect([name, r.monitoring]).toEqual([name, true]);
  });

  test("CKV_AWS_135: instances are EBS-optimized", () => {
    // GIVEN the variant's instances THEN each is EBS-optimized
    for (const [name, r] of nonEmpty(all(tf, "aws_instance"))) expect([name, r.ebs_optimized]).toEqual([name, true]);
  });

  test("CKV_AWS_130: private subnets do not assign public IPs", () => {
    // GIVEN the variant's subnets THEN none maps a public IP on launch
    for (const [name, s] of nonEmpty(all(tf, "aws_subnet"))) expect([name, s.map_public_ip_on_launch ?? false]).toEqual([name, false]);
  });

  test("CKV_AWS_24/25/260/277: no ingress from 0.0.0.0/0 or ::/0 (SSH, RDP, HTTP or any port)", () => {
    // GIVEN the variant's security groups and ingress rules THEN no rule admits 0.0.0.0/0 or ::/0, and no group has inline ingress
    for (const [name, r] of nonEmpty(all(tf, "aws_vpc_security_group_ingress_rule")))
      expect([name, r.cidr_ipv4 ?? r.cidr_ipv6 ?? "referenced"]).not.toEqual([name, expect.stringMatching(/^(0\.0\.0\.0|::)\/0$/)]);
    for (const [name, g] of nonEmpty(all(tf, "aws_security_group"))) expect([name, g.ingress ?? []]).toEqual([name, []]);
  });

  test("CKV_AWS_382: no all-ports egress to 0.0.0.0/0", () => {
    // GIVEN the variant's egress rules THEN egress to 0.0.0.0/0 is TCP 443 only, and no group has inline egress
    for (const [name, r] of nonEmpty(all(tf, "aws_vpc_security_group_egress_rule"))) {
      if (r.cidr_ipv4 === "0.0.0.0/0") expect([name, r.ip_protocol, r.from_port, r.to_port]).toEqual([name, "tcp", 443, 443]);
    }
    for (const [name, g] of nonEmpty(all(tf, "aws_security_group"))) expect([name, g.egress ?? []]).toEqual([name, []]);
  });

  test("CKV_AWS_23: every security group and rule has a description", () => {
    // GIVEN the variant's security groups and their rules THEN each has a description of more than 10 characters
    for (const type of ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      for (const [name, r] of nonEmpty(all(tf, type)))
        expect([name, typeof r.description === "string" && r.description.length > 10]).toEqual([name, true]);
    }
  });

  test("CKV_AWS_60/61: trust policies name no * principal and no account root", () => {
    // GIVEN the variant's trust policies THEN no statement trusts *, an account root or a bare account ID
    for (const p of nonEmpty(policies(tf).filter((p) => p.kind === "trust"))) {
      for (const s of nonEmpty(statements(p))) {
        const principals = [
          ...list(s.Principal?.AWS),
          ...list(s.Principal?.Service),
          ...list(s.Principal?.Federated),
          ...(s.Principal === "*" ? ["*"] : []),
        ];
        expect([p.where, principals.filter((x) => x === "*" || /:root$/.test(x) || /^\d{12}$/.test(x))]).toEqual([p.where, []]);
      }
    }
  });

  test("CKV_AWS_62/63: no * actions in identity policies", () => {
    // GIVEN the variant's identity policies THEN no statement allows * or service:* actions
    for (const p of nonEmpty(policies(tf).filter((p) => p.kind === "identity"))) {
      for (const s of nonEmpty(statements(p)))
        expect([p.where, list(s.Action).filter((a) => a === "*" || a.endsWith(":*"))]).toEqual([p.where, []]);
    }
  });

  test("CKV_AWS_355: Resource * only for actions that support no resource ARNs", () => {
    // GIVEN the variant's identity policies THEN a statement on Resource * holds only actions that take no resource ARN
    for (const p of nonEmpty(policies(tf).filter((p) => p.kind === "identity"))) {
      for (const s of nonEmpty(statements(p))) {
        if (!list(s.Resource).includes("*")) continue;
        const scopable = list(s.Action)
          .flatMap((a) => expandAction(a))
          .filter((a) => a.resourceTypes.length > 0)
          .map((a) => a.name);
        expect([p.where, scopable]).toEqual([p.where, []]);
      }
    }
  });

  test("CKV_AWS_7: KMS key rotation on", () => {
    // GIVEN the variant's KMS keys (at least two) THEN each rotates
    expect(all(tf, "aws_kms_key").length).toBeGreaterThanOrEqual(2);
    for (const [name, k] of nonEmpty(all(tf, "aws_kms_key"))) expect([name, k.enable_key_rotation]).toEqual([name, true]);
  });

  test("CKV_AWS_66/338/158: log groups keep logs ≥ 365 days (or forever) and use a KMS key", () => {
    // GIVEN the variant's log groups THEN each keeps logs 365 days or more (or forever) and is encrypted with the stack's KMS key
    for (const [name, g] of nonEmpty(all(tf, "aws_cloudwatch_log_group"))) {
      expect([name, g.retention_in_days === 0 || g.retention_in_days >= 365]).toEqual([name, true]);
      expect([name, g.kms_key_id]).toEqual([name, expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/)]);
    }
  });

  test("CKV2_AWS_11: every VPC has flow logs", () => {
    // GIVEN the variant's one VPC THEN exactly one flow log records ALL its traffic
    const vpcs = all(tf, "aws_vpc").map(([name]) => `\${aws_vpc.${name}.id}`);
    expect(vpcs.length).toBe(1);
    for (const vpc of vpcs) expect(all(tf, "aws_flow_log").filter(([, f]) => f.vpc_id === vpc && f.traffic_type === "ALL")).toHaveLength(1);
  });

  test("CKV2_AWS_12: every VPC's default security group has no rules", () => {
    // GIVEN the variant's VPC THEN its default security group is managed, with no ingress or egress rules
    for (const [name] of nonEmpty(all(tf, "aws_vpc"))) {
      const defaults = all(tf, "aws_default_security_group").filter(([, g]) => g.vpc_id === `\${aws_vpc.${name}.id}`);
      expect(defaults.map(([, g]) => [g.ingress, g.egress])).toEqual([[undefined, undefined]]);
    }
  });
});
