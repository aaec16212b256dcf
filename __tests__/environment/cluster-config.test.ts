import { stringify } from "yaml";
import { parseEnvironment } from "../../environment/load";
import { devInput, merge } from "../support/environment";

const problemsWith = (overrides: Record<string, unknown>) =>
  parseEnvironment(stringify(merge(devInput(), overrides)), "config/dev.yaml").lines;

describe("cluster, node group and bastion keys", () => {
  test("defaults: private endpoint, API mode, a current version, all logs, protected, one general node group, a bastion", () => {
    // GIVEN a file with only name and region WHEN parsed
    // THEN the cluster defaults (private endpoint, API mode, 1.36, all five log types kept 365 days, protected), one on-demand general node group, and a t3.micro bastion with no access policy
    const { config } = parseEnvironment("name: qa\nregion: eu-west-1\n", "config/qa.yaml");
    expect(config?.cluster).toEqual({
      version: "1.36",
      endpoint: "private",
      allowPublicInternet: false,
      authenticationMode: "API",
      logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      logRetentionDays: 365,
      protect: true,
    });
    expect(config?.nodeGroups).toEqual([
      {
        name: "general",
        instanceTypes: ["m6i.large"],
        capacityType: "ON_DEMAND",
        minSize: 2,
        maxSize: 4,
        diskSizeGiB: 50,
        httpPutResponseHopLimit: 1,
        autoscaler: false,
        maxUnavailable: 1,
      },
    ]);
    expect(config?.bastion).toEqual({ enabled: true, instanceType: "t3.micro", accessPolicy: "none" });
  });

  test.each([
    [
      { cluster: { name: "my cluster" } },
      'config/dev.yaml: cluster.name: "my cluster" is not a valid EKS cluster name; use 1-100 letters, digits, "-" or "_", starting with a letter or digit (example: dev-private)',
    ],
    [
      { cluster: { version: "1.x" } },
      'config/dev.yaml: cluster.version: "1.x" is not a Kubernetes version; write "major.minor" in quotes (example: "1.36")',
    ],
    [
      { cluster: { version: 1.3 } },
      'config/dev.yaml: cluster.version: 1.3 was read as a number; write the version in quotes (example: "1.36")',
    ],
    [
      { cluster: { version: "1.21" } },
      'config/dev.yaml: cluster.version: 1.21 predates EKS access entries; use 1.23 or later (example: "1.36")',
    ],
    [
      { cluster: { endpoint: "public-and-private" } },
      "config/dev.yaml: cluster.publicAccessCidrs: is required with endpoint: public-and-private; list the networks that may reach the public endpoint (example: [203.0.113.0/24]), or use endpoint: private",
    ],
    [
      { cluster: { endpoint: "public", publicAccessCidrs: ["0.0.0.0/0"] } },
      "config/dev.yaml: cluster.publicAccessCidrs[0]: 0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own networks instead, or set cluster.allowPublicInternet: true to accept that",
    ],
    [
      { cluster: { publicAccessCidrs: ["203.0.113.0/24"] } },
      "config/dev.yaml: cluster.publicAccessCidrs: has no effect with endpoint: private; remove it, or set endpoint: public-and-private",
    ],
    [
      { cluster: { authenticationMode: "CONFIG_MAP" } },
      "config/dev.yaml: cluster.authenticationMode: CONFIG_MAP is not supported: access entries need the EKS API; use API (or API_AND_CONFIG_MAP while migrating from aws-auth). Modes only move CONFIG_MAP → API_AND_CONFIG_MAP → API",
    ],
    [
      { cluster: { authenticationMode: "api" } },
      'config/dev.yaml: cluster.authenticationMode: "api" is not an authentication mode; use API or API_AND_CONFIG_MAP (case-sensitive)',
    ],
    [
      { cluster: { endpoint: "internal" } },
      'config/dev.yaml: cluster.endpoint: "internal" is not allowed; use one of private, public-and-private, public (case-sensitive)',
    ],
    [
      { nodeGroups: [{ name: "general", minSize: 5, maxSize: 3 }] },
      "config/dev.yaml: nodeGroups[0].minSize: 5 is greater than maxSize (3); make minSize ≤ desiredSize ≤ maxSize",
    ],
    [
      { nodeGroups: [{ name: "a" }, { name: "a" }] },
      'config/dev.yaml: nodeGroups[1].name: "a" is already used by nodeGroups[0]; give every node group its own name',
    ],
    [
      { nodeGroups: [{ name: "a", instanceTypes: ["m6i-large"] }] },
      'config/dev.yaml: nodeGroups[0].instanceTypes[0]: "m6i-large" is not an EC2 instance type; write family.size in lower case (example: m6i.large)',
    ],
    [
      { nodeGroups: [{ name: "a", httpPutResponseHopLimit: 65 }] },
      "config/dev.yaml: nodeGroups[0].httpPutResponseHopLimit: 65 is out of range; use 1 to 64 (1 keeps pods from reading the node role's credentials)",
    ],
    [
      { nodeGroups: [{ name: "a", httpPutResponseHopLimit: 0 }] },
      "config/dev.yaml: nodeGroups[0].httpPutResponseHopLimit: 0 is out of range; use 1 to 64 (1 keeps pods from reading the node role's credentials)",
    ],
    [{ nodeGroups: [{ instanceTypes: ["m6i.large"] }] }, "config/dev.yaml: nodeGroups[0].name: is required; add it (example: general)"],
    [
      { network: { egress: "none" }, cluster: { endpoint: "public", publicAccessCidrs: ["203.0.113.0/24"] } },
      "config/dev.yaml: cluster.endpoint: with network.egress: none, nodes can reach the API only through the private endpoint; use endpoint: private or public-and-private",
    ],
    [
      { bastion: { accessPolicy: "ClusterAdmin!" } },
      'config/dev.yaml: bastion.accessPolicy: "ClusterAdmin!" is not an EKS access policy; use a name such as AmazonEKSViewPolicy or an ARN arn:aws:eks::aws:cluster-access-policy/<Name>',
    ],
    [
      { addons: { coredns: { version: "1.11" } } },
      "config/dev.yaml: addons.coredns.version: \"1.11\" is not an add-on version; pin one in the form vX.Y.Z-eksbuild.N (example: v1.19.2-eksbuild.1), write latest for the newest, or leave it out for EKS's default for the cluster's Kubernetes version",
    ],
    [
      { cluster: { version: "1.40" } },
      `config/dev.yaml: cluster.version: 1.40 is not a Kubernetes version EKS has released (the newest, as of 2026-12-06, is 1.36); use 1.23 to 1.36 (example: "1.36"), or update cdktf-private-eks if EKS has released 1.40 since`,
    ],
    [
      { cluster: { upgradePolicy: "standard" } },
      'config/dev.yaml: cluster.upgradePolicy: "standard" is not allowed; use one of STANDARD, EXTENDED (case-sensitive)',
    ],
    [
      { nodeGroups: [{ name: "a", maxUnavailable: 0 }] },
      'config/dev.yaml: nodeGroups[0].maxUnavailable: 0 is out of range; use a number of nodes from 1 to 100, or a percentage of the group from "1%" to "100%" (example: 1, or "25%" for large groups)',
    ],
    [
      { nodeGroups: [{ name: "a", maxUnavailable: "half" }] },
      'config/dev.yaml: nodeGroups[0].maxUnavailable: "half" is not a node count or a percentage; use a number of nodes from 1 to 100, or a percentage of the group from "1%" to "100%" (example: 1, or "25%" for large groups)',
    ],
  ])("%p", (overrides, message) => {
    // GIVEN dev.yaml with one mistake in cluster, nodeGroups, bastion or addons keys THEN that one problem, with the fix
    expect(problemsWith(overrides)).toEqual([message]);
  });

  test("day-2 options: upgradePolicy, maxUnavailable as a percentage, an autoscaler, add-ons on latest", () => {
    // GIVEN the day-2 keys WHEN parsed THEN they are kept as written
    const { config, lines } = parseEnvironment(
      stringify(
        merge(devInput(), {
          cluster: { upgradePolicy: "STANDARD" },
          nodeGroups: [{ name: "general", maxUnavailable: "25%", autoscaler: true }],
          addons: { coredns: { version: "latest" } },
        }),
      ),
      "config/dev.yaml",
    );
    expect(lines).toEqual([]);
    expect(config?.cluster.upgradePolicy).toBe("STANDARD");
    expect(config?.nodeGroups[0]).toMatchObject({ maxUnavailable: "25%", autoscaler: true });
    expect(config?.addons.coredns.version).toBe("latest");
  });
});
