import { clusterJson } from "../support/environment";
import { POD_ROLES } from "../support/variants";
import { addonVersionsFor } from "../support/eks-proxy";
import { Moto, planAgainst, plannedResources } from "../support/moto";
import { describeWith, hasMoto, hasTerraform } from "../support/tools";

describeWith("moto", hasTerraform() && hasMoto(), "terraform plan against moto", () => {
  let moto: Moto;
  // Two plans serve every test: the default environment, and egress none with pod roles of both kinds.
  let defaultPlan: any;
  let variantPlan: any;
  beforeAll(async () => {
    moto = await Moto.start();
    [defaultPlan, variantPlan] = await Promise.all([
      planAgainst(moto, clusterJson()),
      planAgainst(
        moto,
        clusterJson({
          network: { egress: "none" },
          podRoles: POD_ROLES,
          inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
        }),
      ),
    ]);
  });
  afterAll(() => moto?.stop());

  test("the default environment plans: DNS flags on, NAT egress, flow logs encrypted", async () => {
    // GIVEN the default environment planned against moto THEN the network as configured
    const planned = plannedResources(defaultPlan);
    expect(planned["aws_vpc.network_vpc"].change.after).toMatchObject({
      enable_dns_support: true,
      enable_dns_hostnames: true,
      cidr_block: "10.0.0.0/16",
    });
    expect(planned["aws_internet_gateway.network_internet-gateway"].change.actions).toEqual(["create"]);
    expect(planned["aws_subnet.network_private-0"].change.after).toMatchObject({
      cidr_block: "10.0.0.0/19",
      map_public_ip_on_launch: false,
    });
    expect(planned["aws_kms_key.network_flow-logs_key_key"].change.after).toMatchObject({ enable_key_rotation: true });
    expect(planned["aws_flow_log.network_flow-logs_flow-log"].change.after).toMatchObject({ traffic_type: "ALL" });
    // moto's zones were read at plan time: the subnets have concrete zones
    expect(planned["aws_subnet.network_private-1"].change.after.availability_zone).toMatch(/^[a-z]{2}-[a-z]+-\d[a-z]$/);
  });

  test("the default environment plans the private cluster, its nodes, add-ons and the SSM bastion", async () => {
    // GIVEN the default environment planned against moto THEN the cluster, nodes, add-ons and bastion as configured
    const plan = defaultPlan;
    const planned = plannedResources(plan);
    expect(planned["aws_eks_cluster.cluster_cluster"].change.after).toMatchObject({
      name: "dev",
      version: "1.35",
      bootstrap_self_managed_addons: false,
      access_config: [{ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false }],
      vpc_config: [{ endpoint_private_access: true, endpoint_public_access: false }],
      encryption_config: [{ resources: ["secrets"] }],
    });
    expect(planned["aws_eks_node_group.cluster_general_node-group"].change.after).toMatchObject({
      scaling_config: [{ min_size: 2, max_size: 4, desired_size: 2 }],
    });
    expect(planned["aws_launch_template.cluster_general_launch-template"].change.after.metadata_options).toEqual([
      expect.objectContaining({ http_tokens: "required", http_put_response_hop_limit: 1 }),
    ]);
    expect(planned["aws_instance.bastion_instance"].change.after).toMatchObject({
      associate_public_ip_address: false,
      monitoring: true,
      ebs_optimized: true,
    });
    // moto serves the public AL2023 parameter: the AMI is concrete at plan time
    expect(planned["aws_instance.bastion_instance"].change.after.ami).toMatch(/^ami-/);
    for (const addon of ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent"]) {
      expect(planned[`aws_eks_addon.addons_${addon}`].change.actions).toEqual(["create"]);
      // EKS's default version for the cluster's Kubernetes version, read at plan time (DescribeAddonVersions)
      expect(planned[`aws_eks_addon.addons_${addon}`].change.after.addon_version).toBe(addonVersionsFor(addon, "1.35")?.default);
    }
    // The group is named from its prefix, so a replacement can start before the old group goes
    expect(planned["aws_eks_node_group.cluster_general_node-group"].change.after).toMatchObject({
      node_group_name_prefix: "general-",
      update_config: [{ max_unavailable: 1 }],
    });
    expect(
      planned["aws_launch_template.cluster_general_launch-template"].change.after.tag_specifications.map((t: any) => t.resource_type),
    ).toEqual(["instance", "volume", "network-interface"]);
    // The operators are cluster admin through their own entry; the bastion is only a tunnel (no entry)
    expect(
      planned["aws_eks_access_policy_association.cluster_access_eks-admins_AmazonEKSClusterAdminPolicy"].change.after.access_scope,
    ).toEqual([{ type: "cluster", namespaces: null }]);
    expect(Object.keys(planned).filter((a) => a.startsWith("aws_eks_access_entry.") && a.includes("bastion"))).toEqual([]);
    expect(Object.keys(plan.planned_values.outputs).sort()).toEqual([
      "bastion_instance_id",
      "cluster_arn",
      "cluster_endpoint",
      "cluster_name",
      "kubeconfig",
      "tunnel_command",
    ]);
  });

  test("pod roles of both mechanisms plan: OIDC provider once, Pod Identity association after the agent", async () => {
    // GIVEN pod roles of both mechanisms planned against moto THEN one OIDC provider, the associations and roles as configured
    const planned = plannedResources(variantPlan);
    expect(planned["aws_iam_openid_connect_provider.pod-roles_oidc-provider"].change.after).toMatchObject({
      client_id_list: ["sts.amazonaws.com"],
    });
    expect(Object.keys(planned).filter((a) => a.startsWith("aws_iam_openid_connect_provider."))).toHaveLength(1);
    expect(planned["aws_eks_pod_identity_association.pod-roles_app_s3-reader_association"].change.after).toMatchObject({
      namespace: "app",
      service_account: "s3-reader",
    });
    expect(planned["aws_eks_pod_identity_association.pod-roles_legacy_worker_association"].change.after.role_arn).toBe(
      "arn:aws:iam::111122223333:role/legacy-worker",
    );
    expect(planned["aws_iam_role.pod-roles_app_uploader_role"].change.after).toMatchObject({
      max_session_duration: 7200,
      permissions_boundary: "arn:aws:iam::111122223333:policy/pod-boundary",
    });
    // The trust names the cluster's ARN, known only once the cluster exists.
    expect(planned["aws_iam_role.pod-roles_app_s3-reader_role"].change.after_unknown.assume_role_policy).toBe(true);
    // The in-cluster stack's deploy role may edit exactly the namespace whose ServiceAccount it creates
    expect(planned["aws_eks_access_policy_association.cluster_access_github-deploy_AmazonEKSEditPolicy"].change.after.access_scope).toEqual(
      [{ type: "namespace", namespaces: ["app"] }],
    );
  });

  test("egress none plans no internet gateway, NAT or public subnet, and the endpoints", async () => {
    // GIVEN egress none planned against moto THEN no internet path, and the interface endpoints
    const planned = plannedResources(variantPlan);
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
