import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importAwsAuth } from "../../lib/importers/aws-auth";
import { ROOT } from "../support/environment";
import { hasStackTrace, privateEks } from "../support/run";

const fixture = (name: string) => join(ROOT, "__tests__", "fixtures", "aws-auth", name);
const errorOf = (text: string) => {
  try {
    importAwsAuth(text, "aws-auth.yaml");
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
};

describe("import-aws-auth", () => {
  test("seed 001 verbatim: its 10-digit account id is named as the mistake, for every entry", () => {
    const r = privateEks(["import-aws-auth", fixture("seed-001.yaml")], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        `private-eks import-aws-auth: ${fixture("seed-001.yaml")}: mapRoles[0].rolearn: "arn:aws:iam::1234567890:role/eksctl-eks-workshop-nodegroup-defa-NodeInstanceRole-acgt4WAVfXAA" is not an IAM role ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)`,
        `${fixture("seed-001.yaml")}: mapRoles[1].rolearn: "arn:aws:iam::1234567890:role/eks-workshop-admins" is not an IAM role ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)`,
        "",
      ].join("\n"),
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("seed 001 with a real account id, --json compared whole", () => {
    const r = privateEks(["import-aws-auth", "--json", fixture("seed-001-valid-account.yaml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      accessEntries: [
        { principalARN: "arn:aws:iam::123456789012:role/eksctl-eks-workshop-nodegroup-defa-NodeInstanceRole-acgt4WAVfXAA", type: "EC2_LINUX" },
        {
          principalARN: "arn:aws:iam::123456789012:role/eks-workshop-admins",
          type: "STANDARD",
          kubernetesUsername: "cluster-admin",
          accessPolicies: [{ policyARN: "AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } }],
        },
      ],
      skipped: [],
      canSwitchToApi: true,
    });
  });

  test("every mapping rule, --json compared whole", () => {
    const r = privateEks(["import-aws-auth", "--json", "--role-path", "deployer=/ci/", fixture("every-rule.yaml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      accessEntries: [
        { principalARN: "arn:aws:iam::111122223333:role/linux-nodes", type: "EC2_LINUX" },
        { principalARN: "arn:aws:iam::111122223333:role/windows-nodes", type: "EC2_WINDOWS" },
        {
          principalARN: "arn:aws:iam::111122223333:role/eks-admins",
          type: "STANDARD",
          kubernetesUsername: "cluster-admin",
          accessPolicies: [{ policyARN: "AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } }],
        },
        { principalARN: "arn:aws:iam::111122223333:role/reader", type: "STANDARD", kubernetesGroups: ["viewers"], kubernetesUsername: "reader:{{SessionName}}" },
        { principalARN: "arn:aws:iam::111122223333:role/ci/deployer", type: "STANDARD" },
        { principalARN: "arn:aws:iam::111122223333:user/alice", type: "STANDARD", kubernetesGroups: ["developers"], kubernetesUsername: "alice" },
      ],
      skipped: [
        { arn: "arn:aws:iam::111122223333:role/fargate-pods", reason: "Fargate pod execution role: EKS creates its access entry with the Fargate profile", blocksApiMode: false },
        {
          arn: "arn:aws:iam::111122223333:role/impersonator",
          reason: "group system:authenticated cannot be granted through access entries; bind your own group with RBAC and map that instead",
          blocksApiMode: true,
        },
        {
          arn: "arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS",
          reason: "service-linked roles cannot have access entries; AWS manages their access — check what needs this mapping before switching",
          blocksApiMode: true,
        },
        {
          arn: "arn:aws:iam::111122223333:role/sessions",
          reason: 'kubernetesUsername "ops-{{SessionName}}": {{SessionName}} needs a ":" somewhere before it; write "ops:{{SessionName}}"',
          blocksApiMode: true,
        },
        {
          arn: "arn:aws:iam::111122223333:role/reserved",
          reason: 'kubernetesUsername "eks:operator" starts with the reserved prefix "eks:"; use another name (e.g. "operator") or leave kubernetesUsername out so EKS generates one',
          blocksApiMode: true,
        },
        { arn: "arn:aws:iam::111122223333:role/reader", reason: "duplicate of mapRoles[4]; the first mapping wins", blocksApiMode: false },
        {
          arn: "444455556666",
          reason: "mapAccounts lets every IAM principal of account 444455556666 in; access entries need one entry per principal — add entries for the principals that need access",
          blocksApiMode: true,
        },
      ],
      canSwitchToApi: false,
    });
    expect(r.stderr).toContain("Do not switch to authenticationMode: API yet: fix the blocking mappings above first.");
    expect(r.stderr).not.toContain("aws-auth role ARNs carry no IAM path");
  });

  test("YAML output is pasteable config, and passes config validation", () => {
    const r = privateEks(["import-aws-auth", fixture("seed-001-valid-account.yaml")]);
    expect(r.stdout).toBe(
      [
        `# From ${fixture("seed-001-valid-account.yaml")} by private-eks import-aws-auth: paste into your environment file.`,
        "accessEntries:",
        "  - principalARN: arn:aws:iam::123456789012:role/eksctl-eks-workshop-nodegroup-defa-NodeInstanceRole-acgt4WAVfXAA",
        "    type: EC2_LINUX",
        "  - principalARN: arn:aws:iam::123456789012:role/eks-workshop-admins",
        "    type: STANDARD",
        "    kubernetesUsername: cluster-admin",
        "    accessPolicies:",
        "      - policyARN: AmazonEKSClusterAdminPolicy",
        "        accessScope:",
        "          type: cluster",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toContain("aws-auth role ARNs carry no IAM path: check each role, and restore paths with --role-path <role-name>=<path>");
    expect(r.stderr).toContain("EC2_LINUX/EC2_WINDOWS entries are node roles");
  });

  test("standard input and a bare data mapping", () => {
    const input = "mapUsers:\n  - userarn: arn:aws:iam::111122223333:user/bob\n    groups: [viewers]\n";
    const r = privateEks(["import-aws-auth", "--json", "-"], { input });
    expect(JSON.parse(r.stdout).accessEntries).toEqual([{ principalARN: "arn:aws:iam::111122223333:user/bob", type: "STANDARD", kubernetesGroups: ["viewers"] }]);
  });

  test.each([
    ["apiVersion: v1\nkind: ConfigMap\ndata:\n  mapRoles: |\n    - rolearn: arn:aws:iam::111122223333:role/a\n      groups: [x\n", "aws-auth.yaml: data.mapRoles: line 3 of the embedded YAML:"],
    ["kind: ConfigMap\ndata: [1]\n", "aws-auth.yaml: data: expected a mapping with mapRoles, mapUsers or mapAccounts"],
    ["kind: Secret\n", "aws-auth.yaml: expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts), got kind: Secret"],
    ["", "aws-auth.yaml: expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got an empty document"],
    ["mapRoles: [ {\n", "aws-auth.yaml: line 2:"],
    ["mapRoles:\n  - username: x\n", "aws-auth.yaml: mapRoles[0].rolearn: is missing or not a string; every mapRoles item needs one"],
    ["mapRoles:\n  - rolearn: arn:aws:iam::111122223333:user/not-a-role\n", 'aws-auth.yaml: mapRoles[0].rolearn: "arn:aws:iam::111122223333:user/not-a-role" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)'],
    ["mapRoles:\n  - rolearn: arn:aws:iam::111122223333:role/a\n    groups: viewers\n", "aws-auth.yaml: mapRoles[0].groups: expected a list of group names"],
    ["mapUsers: 42\n", "aws-auth.yaml: data.mapUsers: expected a list, got number; write mapUsers as a YAML list of mappings"],
  ])("malformed input is a clear error, never a crash: %p", (text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  test("all malformed entries are reported together", () => {
    expect(errorOf("mapRoles:\n  - rolearn: nope\n  - rolearn: arn:aws:iam::1:role/x\nmapAccounts: [{}]\n").split("\n")).toHaveLength(3);
  });

  test.each([
    [["import-aws-auth"], "private-eks import-aws-auth: name one file, or - for standard input"],
    [["import-aws-auth", "--role-path", "nope", "x.yaml"], 'private-eks import-aws-auth: --role-path "nope": write <role-name>=<path>, e.g. --role-path eks-admins=/team/'],
    [["import-aws-auth", "missing.yaml"], "private-eks import-aws-auth: missing.yaml: cannot be read (ENOENT); check the path"],
    [["import-aws-auth", "--yaml", "x.yaml"], "private-eks import-aws-auth: unknown option --yaml"],
  ])("usage mistakes: %p", (args, message) => {
    const r = privateEks(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("the imported entries pass the same validation as hand-written config", () => {
    const { accessEntries } = importAwsAuth(readFileSync(fixture("every-rule.yaml"), "utf8"), "every-rule.yaml");
    const { parseEnvironment } = require("../../lib/config/load") as typeof import("../../lib/config/load");
    const text = JSON.stringify({ name: "mig", region: "eu-west-1", accessEntries });
    expect(parseEnvironment(text, "mig.yaml").lines).toEqual([]);
  });
});
