import { AccessPolicies, KNOWN_ACCESS_POLICIES, accessPolicyNote, accessPolicyProblems } from "../../../modules/access/access-policies";

const messages = (nameOrArn: string) => accessPolicyProblems(nameOrArn).map((p) => p.message);
const arn = (name: string, partition = "aws") => `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
const SERVICE_LINKED_ONLY = [
  "AmazonEKSBlockStorageClusterPolicy",
  "AmazonEKSBlockStoragePolicy",
  "AmazonEKSClusterInsightsPolicy",
  "AmazonEKSComputeClusterPolicy",
  "AmazonEKSComputePolicy",
  "AmazonEKSHybridPolicy",
];

describe("access policies", () => {
  test("the known list holds every policy aws eks list-access-policies published, once each, sorted", () => {
    // GIVEN the names the issue and the EKS user guide name explicitly
    const required = [
      "AmazonEKSAdminViewPolicy",
      "AmazonEKSSecretReaderPolicy",
      "AmazonEKSAutoNodePolicy",
      "AmazonEKSNetworkingPolicy",
      "AmazonEKSNetworkingClusterPolicy",
      "AmazonEKSBlockStoragePolicy",
      "AmazonEKSComputePolicy",
      "AmazonEKSLoadBalancingPolicy",
      "AmazonEKSArgoCDPolicy",
      "AmazonEKSArgoCDClusterPolicy",
      "AmazonEKSACKPolicy",
      "AmazonEKSKROPolicy",
      "AmazonEMRJobPolicy",
      "AmazonSagemakerHyperpodClusterPolicy",
      ...Object.values(AccessPolicies),
    ];
    // THEN the list has all of them, at least the 34 of the 2026 capture, without repeats
    expect(KNOWN_ACCESS_POLICIES).toEqual(expect.arrayContaining(required));
    expect(KNOWN_ACCESS_POLICIES.length).toBeGreaterThanOrEqual(34);
    expect([...KNOWN_ACCESS_POLICIES].sort()).toEqual([...KNOWN_ACCESS_POLICIES]);
    expect(new Set(KNOWN_ACCESS_POLICIES).size).toBe(KNOWN_ACCESS_POLICIES.length);
  });

  test.each(KNOWN_ACCESS_POLICIES.filter((n) => !SERVICE_LINKED_ONLY.includes(n)))(
    "%s is accepted as a short name and as an ARN of any partition, without a note",
    (name) => {
      // GIVEN a known policy that principals may hold THEN no problem as a short name, an aws ARN or an aws-us-gov ARN, and no note
      expect(messages(name)).toEqual([]);
      expect(messages(arn(name))).toEqual([]);
      expect(messages(arn(name, "aws-us-gov"))).toEqual([]);
      expect(accessPolicyNote(arn(name))).toBeUndefined();
    },
  );

  test.each([
    [
      "AmazonEKSClusterAdmin",
      "AmazonEKSClusterAdmin is not a published EKS access policy; did you mean AmazonEKSClusterAdminPolicy? write AmazonEKSClusterAdminPolicy",
    ],
    [
      "ClusterAdmin",
      "ClusterAdmin is not a published EKS access policy; did you mean AmazonEKSClusterAdminPolicy? write AmazonEKSClusterAdminPolicy",
    ],
    [
      "amazoneksviewpolicy",
      "amazoneksviewpolicy is not a published EKS access policy; did you mean AmazonEKSViewPolicy? write AmazonEKSViewPolicy",
    ],
    [
      "AmazonEKSVeiwPolicy",
      "AmazonEKSVeiwPolicy is not a published EKS access policy; did you mean AmazonEKSViewPolicy? write AmazonEKSViewPolicy",
    ],
    [
      arn("AmazonEKSVeiwPolicy"),
      `AmazonEKSVeiwPolicy is not a published EKS access policy; did you mean AmazonEKSViewPolicy? write ${arn("AmazonEKSViewPolicy")}`,
    ],
    [
      arn("AmazonEKSSecretReadPolicy", "aws-cn"),
      `AmazonEKSSecretReadPolicy is not a published EKS access policy; did you mean AmazonEKSSecretReaderPolicy? write ${arn("AmazonEKSSecretReaderPolicy", "aws-cn")}`,
    ],
    [
      "AmazonEKSFrobnicatorPolicy",
      '"AmazonEKSFrobnicatorPolicy" is not a published EKS access policy; use one of AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, AmazonEKSEditPolicy, AmazonEKSViewPolicy (aws eks list-access-policies lists all), or for a policy newer than this package its full ARN arn:aws:eks::aws:cluster-access-policy/AmazonEKSFrobnicatorPolicy',
    ],
  ])("a misspelt policy %s is an error with the fix", (input, message) => {
    // GIVEN a misspelt policy name or ARN THEN one problem: the closest policy, written as given (name or ARN), or the common ones and the full-ARN way; no note
    expect(messages(input)).toEqual([message]);
    expect(accessPolicyNote(input)).toBeUndefined();
  });

  test.each(SERVICE_LINKED_ONLY)("%s, reserved for service-linked roles, is refused", (name) => {
    // GIVEN a policy reserved for service-linked roles THEN one problem: it cannot be associated with your principals
    expect(messages(arn(name))).toEqual([
      `${name} is for AWS service-linked roles only, which EKS grants it to itself; it cannot be associated with your principals — remove it`,
    ]);
  });

  test("a full ARN naming a policy this package does not know is accepted, with a note", () => {
    // GIVEN a well-formed ARN whose name is far from every known policy (AWS adds policies)
    const newer = arn("AmazonEKSFrobnicatorPolicy");
    // THEN it is no problem, but never silent
    expect(messages(newer)).toEqual([]);
    expect(accessPolicyNote(newer)).toBe(
      "AmazonEKSFrobnicatorPolicy is not an access policy this package knows (aws eks list-access-policies lists the current ones); it is used as written — an unknown policy fails at apply, so check the name",
    );
  });
});
