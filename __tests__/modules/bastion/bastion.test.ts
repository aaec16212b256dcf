import { Bastion, BastionProps } from "../../../modules/bastion/bastion";
import { TfJson, only, resources } from "../../support/environment";
import { synthJson, testStack } from "../../support/fixture";

function bastion(props: Partial<BastionProps> = {}): TfJson {
  const stack = testStack();
  new Bastion(stack, "bastion", {
    name: "dev",
    vpcId: "vpc-1",
    vpcCidr: "10.0.0.0/16",
    subnetId: "subnet-a",
    cluster: { clusterSecurityGroupId: "sg-cluster", arn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev" },
    ...props,
  });
  return synthJson(stack);
}

describe("Bastion", () => {
  test("an instance type that is not family.size throws with the config's words", () => {
    // GIVEN instance type t3-micro WHEN the bastion is created THEN it throws with the fix, in the config's words
    expect(() => bastion({ instanceType: "t3-micro" })).toThrow(
      'test/bastion: instanceType: "t3-micro" is not an EC2 instance type; write family.size in lower case (example: t3.micro)',
    );
  });

  test("the instance: private subnet, no public IP, no key pair, IMDSv2, encrypted root, monitoring, EBS-optimized", () => {
    // GIVEN a bastion with defaults WHEN synthesized THEN a t3.micro in the given subnet, with no public IP, IMDSv2 at hop limit 1, an encrypted gp3 root,
    // monitoring, EBS optimization and its instance profile; AMI updates ignored, and no key pair
    const instance = only(bastion(), "aws_instance");
    expect(instance).toMatchObject({
      ami: "${data.aws_ssm_parameter.bastion_ami.value}",
      instance_type: "t3.micro",
      subnet_id: "subnet-a",
      associate_public_ip_address: false,
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      root_block_device: { encrypted: true, volume_type: "gp3" },
      monitoring: true,
      ebs_optimized: true,
      iam_instance_profile: "${aws_iam_instance_profile.bastion_instance-profile.name}",
      lifecycle: { ignore_changes: ["ami"] },
    });
    expect(instance.key_name).toBeUndefined();
  });

  test("Amazon Linux 2023 from the public SSM parameter, for the instance's architecture", () => {
    // GIVEN an x86 and an ARM (t4g) instance type WHEN synthesized THEN the AMI comes from the Amazon Linux 2023 SSM parameter of that architecture
    expect(bastion().data?.aws_ssm_parameter.bastion_ami.name).toBe(
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    );
    expect(bastion({ instanceType: "t4g.small" }).data?.aws_ssm_parameter.bastion_ami.name).toBe(
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    );
  });

  test("t2 cannot be EBS-optimized, so the flag is left out", () => {
    // GIVEN a t2.micro WHEN synthesized THEN the instance has no ebs_optimized flag
    expect(only(bastion({ instanceType: "t2.micro" }), "aws_instance").ebs_optimized).toBeUndefined();
  });

  test("SSM only: AmazonSSMManagedInstanceCore (not the deprecated AmazonEC2RoleforSSM) and DescribeCluster on this cluster", () => {
    // GIVEN a bastion WHEN synthesized THEN its role trusts EC2 only, has AmazonSSMManagedInstanceCore attached
    // AND inline only eks:DescribeCluster on this cluster and eks:ListClusters
    const tf = bastion();
    expect(only(tf, "aws_iam_role_policy_attachment").policy_arn).toBe(
      "arn:${data.aws_partition.context_partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore",
    );
    expect(JSON.parse(only(tf, "aws_iam_role").assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] },
    ]);
    expect(JSON.parse(only(tf, "aws_iam_role_policy").policy).Statement).toEqual([
      {
        Sid: "DescribeThisCluster",
        Effect: "Allow",
        Action: "eks:DescribeCluster",
        Resource: "arn:aws:eks:eu-west-1:111122223333:cluster/dev",
      },
      { Sid: "ListClusters", Effect: "Allow", Action: "eks:ListClusters", Resource: "*" },
    ]);
  });

  test("no inbound rules; HTTPS out to the VPC and, with NAT, to the internet", () => {
    // GIVEN a bastion WHEN synthesized THEN its security group has no ingress, and egress is HTTPS to the internet and to the VPC
    const tf = bastion();
    expect(only(tf, "aws_security_group").ingress).toBeUndefined();
    const egress = resources(tf, "aws_vpc_security_group_egress_rule");
    expect(Object.values(egress).map((r: any) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ["tcp", 443, 443, "0.0.0.0/0"],
      ["tcp", 443, 443, "10.0.0.0/16"],
    ]);
    // AND without internet egress THEN HTTPS to the VPC only
    const noNat = resources(bastion({ internetEgress: false }), "aws_vpc_security_group_egress_rule");
    expect(Object.values(noNat).map((r: any) => r.cidr_ipv4)).toEqual(["10.0.0.0/16"]);
  });

  test("the cluster security group admits the bastion on 443, and nothing else is opened", () => {
    // GIVEN a bastion WHEN synthesized THEN the only ingress rule lets the bastion's security group reach the cluster security group on TCP 443
    const ingress = Object.values(resources(bastion(), "aws_vpc_security_group_ingress_rule"));
    expect(ingress).toEqual([
      expect.objectContaining({
        security_group_id: "sg-cluster",
        referenced_security_group_id: "${aws_security_group.bastion_security-group.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        description: "Kubernetes API from the SSM bastion",
      }),
    ]);
  });
});
