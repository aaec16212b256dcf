import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { synthesize } from "../app/synthesize";
import { ValidationError } from "../core/problems";
import { ROOT } from "./support/environment";
import { fingerprint, hasStackTrace, runNode, runNodeAsync } from "./support/run";

const DIR = join(ROOT, "__tests__", "bad-configs");

/**
 * One file per mistake a user makes, and exactly what they are told: `<file>: <key path>: <what
 * and the fix>` (the file prefix is added below). Every file in the directory must be listed.
 */
const EXPECTED: Record<string, string[]> = {
  "addon-version-invalid.yaml": [
    "addons.vpc-cni.version: \"1.19\" is not an add-on version; pin one in the form vX.Y.Z-eksbuild.N (example: v1.19.2-eksbuild.1), write latest for the newest, or leave it out for EKS's default for the cluster's Kubernetes version",
  ],
  "assumed-role-arn.yaml": [
    "accessEntries[0].principalARN: arn:aws:sts::111122223333:assumed-role/eks-admins/alice is an STS session, not an IAM principal; use the role's ARN arn:aws:iam::111122223333:role/eks-admins (with its path, if it has one)",
  ],
  "az-count-out-of-range.yaml": ["network.azCount: 7 is out of range; use 2 to 6"],
  "bad-yaml.yaml": [
    "line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there",
  ],
  "bastion-local-port-out-of-range.yaml": [
    "bastion.localPort: 443 is not a local port for the tunnel; use a whole number from 1024 to 65535 (example: 8443)",
  ],
  "cidr-host-bits.yaml": ['network.cidr: "10.0.1.0/16" has host bits set; use 10.0.0.0/16'],
  "cidr-too-small.yaml": [
    "network.cidr: 10.0.0.0/26 is too small for the stable subnet layout (subnetLayout v2), which keeps room for 6 zones (private /29, public /32, each at least /28); use a /22 or larger (example: 10.0.0.0/16)",
  ],
  "cluster-name-invalid.yaml": [
    'cluster.name: "bad cluster" is not a valid EKS cluster name; use 1-100 letters, digits, "-" or "_", starting with a letter or digit (example: dev-private)',
  ],
  "cluster-scope-with-namespaces.yaml": [
    "accessEntries[0].accessPolicies[0].accessScope.namespaces: a cluster scope takes no namespaces; remove them, or use type: namespace",
  ],
  "config-map-mode.yaml": [
    "cluster.authenticationMode: CONFIG_MAP is not supported: access entries need the EKS API; use API (or API_AND_CONFIG_MAP while migrating from aws-auth). Modes only move CONFIG_MAP → API_AND_CONFIG_MAP → API",
  ],
  "deletion-protection-on-aws5.yaml": [
    "cluster.deletionProtection: needs hashicorp/aws 6.9 or later (aws_eks_cluster.deletion_protection), and the installed @cdktf/provider-aws 20.1.0 binds an older one; install @cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25) or CDK Terrain's @cdktn/provider-aws 25.x, or remove deletionProtection",
  ],
  "cross-field-with-type-errors.yaml": [
    'network.egress: "open" is not allowed; use one of nat, none (case-sensitive)',
    'nodeGroups[0].capacityType: "spot" is not allowed; use one of ON_DEMAND, SPOT (case-sensitive)',
    "nodeGroups[0].minSize: 5 is greater than maxSize (3); make minSize ≤ desiredSize ≤ maxSize",
    'nodeGroups[1].diskSizeGiB: expected a number, got "50"',
    "nodeGroups[1].desiredSize: 9 is outside minSize..maxSize (2..4); make minSize ≤ desiredSize ≤ maxSize",
    'nodeGroups[1].name: "general" is already used by nodeGroups[0]; give every node group its own name',
    'accessEntries[0].kubernetesGroups: expected a list (one "- " item per line, or [a, b]), got "viewers" (example: ["viewers"])',
    "accessEntries[1].principalARN: arn:aws:iam::111122223333:role/eks-admins already has an entry at accessEntries[0]; merge the two (one entry per principal, many accessPolicies)",
    'podRoles[0].permissionPolicyARNs: expected a list (one "- " item per line, or [a, b]), got "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" (example: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])',
    "podRoles[1].serviceAccountName: app/worker already has a role at podRoles[0]; a service account gets one role per cluster — merge the permissions into that one",
  ],
  "desired-outside-range.yaml": ["nodeGroups[0].desiredSize: 6 is outside minSize..maxSize (2..4); make minSize ≤ desiredSize ≤ maxSize"],
  "directory-instead-of-file.yaml": ["(file): is a directory, not a file; name a .yaml file inside it"],
  "duplicate-node-group-names.yaml": ['nodeGroups[1].name: "general" is already used by nodeGroups[0]; give every node group its own name'],
  "duplicate-policy-in-entry.yaml": [
    "accessEntries[0].accessPolicies[1].policyARN: AmazonEKSViewPolicy is already associated by accessPolicies[0]; give each policy once and list every namespace in its accessScope",
  ],
  "duplicate-principals.yaml": [
    "accessEntries[1].principalARN: arn:aws:iam::111122223333:role/eks-admins already has an entry at accessEntries[0]; merge the two (one entry per principal, many accessPolicies)",
  ],
  "duplicate-service-accounts.yaml": [
    "podRoles[1].serviceAccountName: app/worker already has a role at podRoles[0]; a service account gets one role per cluster — merge the permissions into that one",
  ],
  "duplicate-yaml-keys.yaml": ["line 4, column 1: Map keys must be unique; fix the YAML syntax there"],
  "egress-invalid.yaml": ['network.egress: "open" is not allowed; use one of nat, none (case-sensitive)'],
  "empty-file.yaml": ["(top level): the file is empty; it needs at least name and region (start from config/dev.yaml)"],
  "environment-name-invalid.yaml": [
    'name: "Dev_1" is not an environment name; use 1-40 lower-case letters, digits and "-", starting with a letter (example: dev)',
  ],
  "file-name-not-environment-name.yaml": [
    'name: "production" does not match the file name file-name-not-environment-name.yaml; the file name is the environment (config/<name>.yaml): rename the file to production.yaml or set name: file-name-not-environment-name',
  ],
  "hop-limit-out-of-range.yaml": [
    "nodeGroups[0].httpPutResponseHopLimit: 65 is out of range; use 1 to 64 (1 keeps pods from reading the node role's credentials)",
  ],
  "in-cluster-without-deploy-role.yaml": [
    "inCluster.deployRoleARN: is required: in-cluster-without-deploy-role-in-cluster writes podRoles[0]'s ServiceAccount jobs/runner through the Kubernetes API, and the role that deploys it needs an access entry; name that role (example: arn:aws:iam::111122223333:role/github-deploy, deploy.yml's AWS_DEPLOY_ROLE_ARN)",
  ],
  "instance-type-format.yaml": [
    'nodeGroups[0].instanceTypes[0]: "m6i-large" is not an EC2 instance type; write family.size in lower case (example: m6i.large)',
  ],
  "invalid-cidr.yaml": ['network.cidr: "10.0.0.0/33" is not an IPv4 CIDR (example: 10.0.0.0/16)'],
  "legacy-mappings-in-api-mode.yaml": [
    "legacyAwsAuth: aws-auth is ignored in API mode; set cluster.authenticationMode: API_AND_CONFIG_MAP while migrating, or remove legacyAwsAuth once every mapping is an access entry",
  ],
  "legacy-role-arn-with-path.yaml": [
    "legacyAwsAuth.mapRoles[0].rolearn: aws-auth matches role ARNs without their path; write arn:aws:iam::111122223333:role/eks-admins (access entries, unlike aws-auth, take the full ARN)",
  ],
  "managed-node-role-entry.yaml": [
    "accessEntries[0].principalARN: managed-node-role-entry-node is the managed node groups' role: EKS creates its access entry itself (a duplicate fails with ResourceInUseException); do not give it an access entry of its own",
  ],
  "max-unavailable-out-of-range.yaml": [
    'nodeGroups[0].maxUnavailable: 0 is out of range; use a number of nodes from 1 to 100, or a percentage of the group from "1%" to "100%" (example: 1, or "25%" for large groups)',
  ],
  "min-greater-than-max.yaml": ["nodeGroups[0].minSize: 5 is greater than maxSize (3); make minSize ≤ desiredSize ≤ maxSize"],
  "missing-name-and-region.yaml": ["name: is required; add it (example: dev)", "region: is required; add it (example: eu-west-1)"],
  "namespace-scope-without-namespaces.yaml": [
    'accessEntries[0].accessPolicies[0].accessScope.namespaces: a namespace scope needs at least one namespace (example: [app, "dev-*"]); or use type: cluster',
  ],
  "node-group-sizes-out-of-range.yaml": [
    "nodeGroups[0].minSize: -1 is not a node count; use a whole number of 0 or more",
    "nodeGroups[0].maxSize: 0 is not a node count; use a whole number of 1 or more (a group must allow at least one node)",
    "nodeGroups[0].desiredSize: 1.5 is not a node count; use a whole number of 0 or more",
    "nodeGroups[0].diskSizeGiB: 10 is not a root volume size; use a whole number of GiB from 20 (the node AMI's own volume) to 16384 (gp3's limit)",
  ],
  "node-type-user-arn.yaml": [
    "accessEntries[0].principalARN: arn:aws:iam::111122223333:user/build-agent is an IAM user, and type EC2_LINUX takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:aws:iam::111122223333:role/<node-role>), or type STANDARD for a person",
  ],
  "node-type-with-policy.yaml": [
    "accessEntries[0].accessPolicies[0].policyARN: type EC2_LINUX cannot have access policies; use type STANDARD",
  ],
  "over-indented-key.yaml": [
    'line 6, column 5: "azCount" is indented deeper than "cidr" on line 5, so YAML reads it as part of that value; indent "azCount" like "cidr"',
  ],
  "pod-identity-target-role-on-aws5.yaml": [
    "podRoles[0].targetRoleARN: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.target_role_arn), and the installed @cdktf/provider-aws 20.1.0 binds an older one; install @cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25) or CDK Terrain's @cdktn/provider-aws 25.x, or remove targetRoleARN",
    "podRoles[0].disableSessionTags: needs hashicorp/aws 6.2 or later (aws_eks_pod_identity_association.disable_session_tags), and the installed @cdktf/provider-aws 20.1.0 binds an older one; install @cdktf/provider-aws 21.22.1 (hashicorp/aws 6.25) or CDK Terrain's @cdktn/provider-aws 25.x, or remove disableSessionTags",
  ],
  "pod-identity-wildcard.yaml": [
    'podRoles[0].serviceAccountName: "*" is not possible with Pod Identity, which associates one service account; name it, or use mechanism: irsa (every service account of the namespace may then assume the role)',
  ],
  "pod-role-invalid-namespace.yaml": [
    'podRoles[0].namespace: "App_1" is not a Kubernetes namespace name; use up to 63 lower-case letters, digits and "-" (example: app)',
  ],
  "pod-role-misspelt-action.yaml": [
    'podRoles[0].permissionPolicy.Statement[0].Action[0]: "s3:GetObjects" is not an action of s3 (did you mean s3:GetObject?); check AWS\'s service authorization reference',
  ],
  "policy-arn-misspelt.yaml": [
    "accessEntries[0].accessPolicies[0].policyARN: AmazonEKSVeiwPolicy is not a published EKS access policy; did you mean AmazonEKSViewPolicy? write arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
  ],
  "policy-service-linked-only.yaml": [
    "accessEntries[0].accessPolicies[0].policyARN: AmazonEKSComputePolicy is for AWS service-linked roles only, which EKS grants it to itself; it cannot be associated with your principals — remove it",
  ],
  "policy-short-name-misspelt.yaml": [
    "accessEntries[0].accessPolicies[0].policyARN: AmazonEKSClusterAdmin is not a published EKS access policy; did you mean AmazonEKSClusterAdminPolicy? write AmazonEKSClusterAdminPolicy",
  ],
  "policy-not-an-access-policy.yaml": [
    'accessEntries[0].accessPolicies[0].policyARN: "arn:aws:iam::aws:policy/AdministratorAccess" is not an EKS access policy; use a name such as AmazonEKSViewPolicy or an ARN arn:aws:eks::aws:cluster-access-policy/<Name>',
  ],
  "principal-short-account.yaml": [
    'accessEntries[0].principalARN: "arn:aws:iam::1234567890:role/eks-admins" is not an IAM role or user ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)',
  ],
  "public-endpoint-with-egress-none.yaml": [
    "cluster.endpoint: with network.egress: none, nodes can reach the API only through the private endpoint; use endpoint: private or public-and-private",
  ],
  "public-endpoint-without-cidrs.yaml": [
    "cluster.publicAccessCidrs: is required with endpoint: public-and-private; list the networks that may reach the public endpoint (example: [203.0.113.0/24]), or use endpoint: private",
  ],
  "public-internet-without-opt-in.yaml": [
    "cluster.publicAccessCidrs[0]: 0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own networks instead, or set cluster.allowPublicInternet: true to accept that",
  ],
  "region-invalid.yaml": ['region: "europe" is not an AWS region code (example: eu-west-1)'],
  "renamed-from-existing-group.yaml": [
    'nodeGroups[1].renamedFrom: "general" is still the name of nodeGroups[0]; a group can take over only a group that is gone: remove nodeGroups[0] to rename it, or remove renamedFrom to keep both groups',
  ],
  "renamed-from-twice.yaml": [
    'nodeGroups[1].renamedFrom: "general" is already renamed to nodeGroups[0] (general-a); an old group moves to one new group only: remove renamedFrom here (this group is then created new)',
  ],
  "reserved-tag-key.yaml": ['tags.aws:owner: tag keys starting with "aws:" are reserved by AWS; rename the tag'],
  "reserved-username.yaml": [
    'accessEntries[0].kubernetesUsername: "system:admin" starts with the reserved prefix "system:"; use another name (e.g. "admin") or leave kubernetesUsername out so EKS generates one',
  ],
  "retention-invalid.yaml": [
    "network.flowLogs.retentionDays: 12 is not a CloudWatch Logs retention period; use one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps logs forever; at least 365 is recommended)",
  ],
  "s3-key-shared-by-stacks.yaml": [
    'backend.s3.key: "eks/state.tfstate" has no {stack}, so stacks s3-key-shared-by-stacks-cluster and s3-key-shared-by-stacks-in-cluster would share one state file (each plan would destroy the other\'s resources); put {stack} in the key (example: s3-key-shared-by-stacks/{stack}.tfstate)',
  ],
  "s3-bucket-invalid.yaml": ['backend.s3.bucket: "My_State" is not an S3 bucket name (example: acme-terraform-state)'],
  "service-linked-role.yaml": [
    "accessEntries[0].principalARN: arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS is a service-linked role; EKS refuses access entries for them, and AWS manages their access itself — remove this entry",
  ],
  "session-name-without-colon.yaml": [
    'accessEntries[0].kubernetesUsername: "admin-{{SessionName}}": {{SessionName}} needs a ":" somewhere before it; write "admin:{{SessionName}}"',
  ],
  "system-masters-group.yaml": [
    "accessEntries[0].kubernetesGroups[0]: system:masters cannot be granted through access entries; use accessPolicies: [{policyARN: AmazonEKSClusterAdminPolicy, accessScope: {type: cluster}}] instead",
  ],
  "target-role-with-irsa.yaml": [
    "podRoles[0].targetRoleARN: is a Pod Identity option, and this role uses IRSA; use mechanism: podIdentity, or remove targetRoleARN",
  ],
  "two-documents.yaml": [
    "line 4, column 1: a second YAML document starts here (---); an environment file holds one environment: move the second one to its own config/<name>.yaml",
  ],
  "type-lower-case.yaml": ['accessEntries[0].type: "standard" is not an access entry type; write STANDARD (types are case-sensitive)'],
  "typo-access-entry-key.yaml": [
    "accessEntries[0].principalARN: is required; add it (example: arn:aws:iam::111122223333:role/eks-admins)",
    'accessEntries[0].principalArn: unknown key; did you mean "principalARN"? allowed keys here: principalARN, type, kubernetesGroups, kubernetesUsername, accessPolicies',
  ],
  "typo-cluster-key.yaml": [
    "cluster.endpointAccess: unknown key; allowed keys here: name, version, endpoint, publicAccessCidrs, allowPublicInternet, authenticationMode, logTypes, logRetentionDays, protect, deletionProtection, upgradePolicy",
  ],
  "typo-network-key.yaml": [
    "network.cidrBlock: unknown key; allowed keys here: cidr, azCount, availabilityZoneIds, availabilityZones, subnetLayout, egress, singleNatGateway, flowLogs",
  ],
  "typo-top-level-key.yaml": [
    'regoin: unknown key; did you mean "region"? allowed keys here: name, region, tags, network, cluster, nodeGroups, addons, bastion, accessEntries, legacyAwsAuth, inCluster, podRoles, backend',
  ],
  "undefined-alias.yaml": [
    'line 6, column 25: *reader starts a YAML alias, and no anchor &reader is defined before it; quote it: "*reader"',
  ],
  "unquoted-star.yaml": ['line 8, column 54: an unquoted * starts a YAML alias; quote it: "*"'],
  "version-invalid.yaml": ['cluster.version: "1.x" is not a Kubernetes version; write "major.minor" in quotes (example: "1.36")'],
  "version-not-on-eks.yaml": [
    'cluster.version: 1.99 is not a Kubernetes version EKS has released (the newest, as of 2026-12-06, is 1.36); use 1.23 to 1.36 (example: "1.36"), or update cdktf-private-eks if EKS has released 1.99 since',
  ],
  "version-unquoted.yaml": ['cluster.version: 1.3 was read as a number; write the version in quotes (example: "1.36")'],
  "wrong-type-az-count.yaml": ['network.azCount: expected a number, got "three" (example: 3)'],
  "wrong-type-boolean.yaml": ['network.singleNatGateway: expected true or false, got "yes"'],
  "wrong-type-node-groups.yaml": ['nodeGroups: expected a list (one "- " item per line, or [a, b]), got a mapping'],
  "wrong-type-tags.yaml": ['tags: expected a mapping, got a list (example: {"Environment":"dev"})'],
  "subnet-layout-invalid.yaml": ['network.subnetLayout: "v3" is not allowed; use one of v1, v2 (case-sensitive)'],
  "zone-name-as-id.yaml": [
    'network.availabilityZoneIds[1]: "eu-west-1b" is a zone name, not a zone ID; list its ID (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]"), or move the names to availabilityZones',
  ],
  "zone-not-in-region.yaml": [
    'network.availabilityZones[1]: "us-east-1b" is not a zone of region eu-west-1; use eu-west-1 followed by a letter (example: eu-west-1a)',
  ],
  "zones-both-kinds.yaml": [
    "network.availabilityZones: set either availabilityZoneIds or availabilityZones, not both; prefer availabilityZoneIds (a zone ID names the same zone in every account), and remove availabilityZones",
  ],
  "zones-duplicated.yaml": [
    'network.availabilityZoneIds[2]: "euw1-az1" is already listed at availabilityZoneIds[0]; list each zone once (subnets of one environment go in different zones)',
  ],
  "zones-fewer-than-az-count.yaml": [
    "network.availabilityZoneIds: lists 2 zones, fewer than azCount (3); add 1 more (a zone ID such as euw1-az3), or lower azCount",
  ],
};

/** Synthesizes `file` in-process, as the app (main.ts) does from the project root; returns the lines it would print before the count. */
function problemsOf(file: string, outdir: string): string[] {
  const before = process.cwd();
  process.chdir(ROOT);
  try {
    synthesize({ files: [file], outdir });
  } catch (e) {
    if (e instanceof ValidationError) return e.message.split("\n");
    throw e;
  } finally {
    process.chdir(before);
  }
  throw new Error(`${file} synthesized without a problem`);
}

describe("bad input: one file per mistake", () => {
  const outdir = mkdtempSync(join(tmpdir(), "private-eks-bad-"));
  let before: Record<string, string>;

  beforeAll(() => {
    const good = runNode("scripts/synth.js", [], { env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: "config/dev.yaml" } });
    expect(good.code).toBe(0);
    before = fingerprint(outdir);
  });

  test("at least 40 mistakes, each pinned", () => {
    // GIVEN the files in the bad-configs directory THEN each has its expected problems listed here, and there are at least 40
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(40);
  });

  // Every file through the app's synthesize, in-process (the messages); a few below as `npm run synth` runs them, as a process.
  test.each(Object.entries(EXPECTED))("%s: file + key path + fix, cdktf.out untouched", (file, lines) => {
    // GIVEN the file WHEN synthesized
    const path = relative(ROOT, join(DIR, file));
    // THEN exactly its problems, each prefixed with the file, and nothing written
    expect(problemsOf(path, outdir)).toEqual(lines.map((l) => `${path}: ${l}`));
    expect(fingerprint(outdir)).toEqual(before);
  });

  test.concurrent.each(["invalid-cidr.yaml", "missing-name-and-region.yaml", "bad-yaml.yaml"])(
    "%s as a process: exit 1, the problems and their count on stderr, no stack trace, cdktf.out untouched",
    async (file) => {
      // GIVEN PRIVATE_EKS_CONFIG naming the file WHEN the app runs
      const path = relative(ROOT, join(DIR, file));
      const lines = EXPECTED[file];
      const r = await runNodeAsync("scripts/synth.js", [], { env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: path } });
      // THEN
      const summary = `${lines.length} problem${lines.length === 1 ? "" : "s"} found; nothing was synthesized.`;
      expect(r.stderr).toBe([...lines.map((l) => `${path}: ${l}`), summary, ""].join("\n"));
      expect(r.code).toBe(1);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(fingerprint(outdir)).toEqual(before);
    },
  );

  // Files that are not what they seem, made at run time (the messages are pinned in-process in
  // __tests__/core/input-file.test.ts): the run ends at once, exit 1, nothing written.
  const odd = mkdtempSync(join(tmpdir(), "private-eks-odd-"));
  test.concurrent.each([
    [
      "a named pipe",
      "pipe.yaml",
      (p: string) => execFileSync("mkfifo", [p]),
      "is a named pipe (FIFO), not a regular file; save the content to a .yaml file and name that",
    ],
    [
      "a file over 1 MiB",
      "big.yaml",
      (p: string) => writeFileSync(p, `name: big\nregion: eu-west-1\n#${"x".repeat(2 * 1024 * 1024)}\n`),
      "is 2 MiB; an environment file is at most 1 MiB — check that this is the right file",
    ],
  ])("%s: one line naming the file, exit 1, no stack trace, cdktf.out untouched", async (_, name, make, problem) => {
    // GIVEN PRIVATE_EKS_CONFIG naming it
    const path = join(odd, name);
    make(path);
    // WHEN synthesizing
    const r = await runNodeAsync("scripts/synth.js", [], { env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: path } });
    // THEN it says what the file is, and nothing is written
    expect(r.stderr).toBe(`${path}: (file): ${problem}\n1 problem found; nothing was synthesized.\n`);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(fingerprint(outdir)).toEqual(before);
  });
});
