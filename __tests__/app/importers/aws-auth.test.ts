import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importAwsAuth } from "../../../app/importers/aws-auth";
import { ROOT } from "../../support/environment";
import { cli } from "../../support/cli";
import { hasStackTrace, privateEks } from "../../support/run";

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
  test("seed 001 verbatim: its 10-digit account id is named as the mistake, for every mapping, exit 2", () => {
    // GIVEN the workshop's aws-auth, whose account id has 10 digits
    // WHEN it is imported
    const r = privateEks(["import-aws-auth", fixture("seed-001.yaml")], { cwd: ROOT });
    // THEN nothing is imported, each mapping is skipped as blocking with the fix, and the exit code says so (as a process: exit 2, no stack trace)
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      `# From ${fixture("seed-001.yaml")} by private-eks import-aws-auth: paste into your environment file.\naccessEntries: []\n`,
    );
    const shortAccount = (name: string, i: number) =>
      `  - arn:aws:iam::1234567890:role/${name}: mapRoles[${i}].rolearn: "arn:aws:iam::1234567890:role/${name}" is not an IAM role ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)`;
    expect(r.stderr).toBe(
      [
        "0 access entries imported.",
        "Not migrated, and blocking authenticationMode: API (these principals would lose access):",
        shortAccount("eksctl-eks-workshop-nodegroup-defa-NodeInstanceRole-acgt4WAVfXAA", 0),
        shortAccount("eks-workshop-admins", 1),
        "Do not switch to authenticationMode: API yet: fix the blocking mappings above first.",
        "",
      ].join("\n"),
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("seed 001 with a real account id, --json compared whole", async () => {
    // GIVEN the workshop's aws-auth with a 12-digit account id WHEN imported with --json
    // THEN exit 0: the node role as an EC2_LINUX entry, the admins as cluster-admin with AmazonEKSClusterAdminPolicy, nothing skipped, ready for API mode
    const r = await cli(["import-aws-auth", "--json", fixture("seed-001-valid-account.yaml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      accessEntries: [
        {
          principalARN: "arn:aws:iam::123456789012:role/eksctl-eks-workshop-nodegroup-defa-NodeInstanceRole-acgt4WAVfXAA",
          type: "EC2_LINUX",
        },
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

  test("every mapping rule, --json compared whole", async () => {
    // GIVEN an aws-auth exercising every mapping rule, and deployer's path given with --role-path WHEN imported with --json
    // THEN exit 2: the entries each rule makes, the skipped mappings with their reasons (most blocking), and not ready for API mode
    const r = await cli(["import-aws-auth", "--json", "--role-path", "deployer=/ci/", fixture("every-rule.yaml")]);
    expect(r.code).toBe(2);
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
        {
          principalARN: "arn:aws:iam::111122223333:role/reader",
          type: "STANDARD",
          kubernetesGroups: ["viewers"],
          kubernetesUsername: "reader:{{SessionName}}",
        },
        { principalARN: "arn:aws:iam::111122223333:role/ci/deployer", type: "STANDARD" },
        { principalARN: "arn:aws:iam::111122223333:role/hybrid-nodes", type: "HYBRID_LINUX" },
        {
          principalARN: "arn:aws:iam::111122223333:user/alice",
          type: "STANDARD",
          kubernetesGroups: ["developers"],
          kubernetesUsername: "alice",
        },
      ],
      skipped: [
        {
          arn: "arn:aws:iam::111122223333:role/fargate-pods",
          reason: "Fargate pod execution role: EKS creates its access entry with the Fargate profile",
          blocksApiMode: false,
        },
        {
          arn: "arn:aws:iam::111122223333:role/impersonator",
          reason: "group system:authenticated cannot be granted through access entries; bind your own group with RBAC and map that instead",
          blocksApiMode: true,
        },
        {
          arn: "arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS",
          reason:
            "service-linked roles cannot have access entries; AWS manages their access — check what needs this mapping before switching",
          blocksApiMode: true,
        },
        {
          arn: "arn:aws:iam::111122223333:role/sessions",
          reason: 'kubernetesUsername "ops-{{SessionName}}": {{SessionName}} needs a ":" somewhere before it; write "ops:{{SessionName}}"',
          blocksApiMode: true,
        },
        {
          arn: "arn:aws:iam::111122223333:role/reserved",
          reason:
            'kubernetesUsername "eks:operator" starts with the reserved prefix "eks:"; use another name (e.g. "operator") or leave kubernetesUsername out so EKS generates one',
          blocksApiMode: true,
        },
        { arn: "arn:aws:iam::111122223333:role/reader", reason: "duplicate of mapRoles[4]; the first mapping wins", blocksApiMode: false },
        {
          arn: "444455556666",
          reason:
            "mapAccounts lets every IAM principal of account 444455556666 in; access entries need one entry per principal — add entries for the principals that need access",
          blocksApiMode: true,
        },
      ],
      canSwitchToApi: false,
    });
    // AND stderr says not to switch yet, which roles' paths to check, and to keep the hybrid nodes' entries
    expect(r.stderr).toContain("Do not switch to authenticationMode: API yet: fix the blocking mappings above first.");
    // deployer's path was restored: only the other roles are left to check
    expect(r.stderr).toContain(
      "aws-auth role ARNs carry no IAM path: check linux-nodes, windows-nodes, eks-admins, reader, hybrid-nodes (aws iam get-role --role-name <name>)",
    );
    // Fargate's mapping has system:node-proxier; the same username without it is hybrid nodes', which EKS does not create
    expect(r.stderr).toContain(
      "HYBRID_LINUX entries are hybrid nodes' roles (username system:node:{{SessionName}} without system:node-proxier, which Fargate's mapping has): EKS creates no entry for them, keep these.\n",
    );
  });

  test("YAML output is pasteable config, and passes config validation", async () => {
    // GIVEN the workshop's aws-auth with a 12-digit account id WHEN imported as YAML
    // THEN stdout is an accessEntries block to paste, headed by where it came from
    const r = await cli(["import-aws-auth", fixture("seed-001-valid-account.yaml")]);
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
    // AND stderr names the roles whose paths to check and how to restore them, and explains the node-role entries; exit 0
    expect(r.stderr).toContain(
      "aws-auth role ARNs carry no IAM path: check eksctl-eks-workshop-nodegroup-defa-NodeInstanceRole-acgt4WAVfXAA, eks-workshop-admins (aws iam get-role --role-name <name>), and restore a path with --role-path <role-name>=<path> (e.g. --role-path eks-admins=/team/; <role-name>=/ confirms it has none).",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("EC2_LINUX/EC2_WINDOWS entries are node roles");
  });

  test("standard input and a bare data mapping", () => {
    // GIVEN only the data of an aws-auth (a mapUsers list) on standard input WHEN imported with --json THEN the user as a STANDARD entry with its group
    const input = "mapUsers:\n  - userarn: arn:aws:iam::111122223333:user/bob\n    groups: [viewers]\n";
    const r = privateEks(["import-aws-auth", "--json", "-"], { input });
    expect(JSON.parse(r.stdout).accessEntries).toEqual([
      { principalARN: "arn:aws:iam::111122223333:user/bob", type: "STANDARD", kubernetesGroups: ["viewers"] },
    ]);
  });

  test.each([
    [
      "apiVersion: v1\nkind: ConfigMap\ndata:\n  mapRoles: |\n    - rolearn: arn:aws:iam::111122223333:role/a\n      groups: [x\n",
      "aws-auth.yaml: data.mapRoles: line 3 of the embedded YAML:",
    ],
    ["kind: ConfigMap\ndata: [1]\n", "aws-auth.yaml: data: expected a mapping with mapRoles, mapUsers or mapAccounts"],
    [
      "kind: Secret\n",
      "aws-auth.yaml: expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts), got kind: Secret",
    ],
    [
      "",
      "aws-auth.yaml: expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got an empty document",
    ],
    ["mapRoles: [ {\n", "aws-auth.yaml: line 2:"],
    ["mapRoles:\n  - username: x\n", "aws-auth.yaml: mapRoles[0].rolearn: is missing or not a string; every mapRoles item needs one"],
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-proxy}\n",
      "aws-auth.yaml: is the ConfigMap kube-proxy, not aws-auth; pass kubectl get configmap aws-auth -n kube-system -o yaml",
    ],
    [
      "- rolearn: arn:aws:iam::111122223333:role/a\n",
      "aws-auth.yaml: expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got a list",
    ],
    [
      "mapRoles:\n  - rolearn: arn:aws:iam::111122223333:role/a\n    groups: viewers\n",
      "aws-auth.yaml: mapRoles[0].groups: expected a list of group names",
    ],
    ["mapUsers: 42\n", "aws-auth.yaml: data.mapUsers: expected a list, got number; write mapUsers as a YAML list of mappings"],
  ])("malformed input is a clear error, never a crash: %p", (text, message) => {
    // GIVEN input that is not a readable aws-auth ConfigMap or its data WHEN imported THEN an error naming the file and what is wrong
    expect(errorOf(text)).toContain(message);
  });

  test("all unreadable entries are reported together", () => {
    // GIVEN a mapping without rolearn, one with groups not a list, and an empty mapAccounts item WHEN imported THEN one error listing all three
    expect(
      errorOf("mapRoles:\n  - username: x\n  - rolearn: arn:aws:iam::111122223333:role/x\n    groups: x\nmapAccounts: [{}]\n").split("\n"),
    ).toEqual([
      "aws-auth.yaml: mapRoles[0].rolearn: is missing or not a string; every mapRoles item needs one",
      "aws-auth.yaml: mapRoles[1].groups: expected a list of group names",
      "aws-auth.yaml: mapAccounts[0]: expected an account id",
    ]);
  });

  test("a readable mapping that cannot become an entry is skipped, blocking, and the rest is imported", () => {
    // GIVEN a malformed ARN, an STS session and a 10-digit account between valid mappings
    const text = [
      "mapRoles:",
      "  - rolearn: arn:aws:iam::111122223333:role/a",
      "  - rolearn: arn:aws:sts::111122223333:assumed-role/ops/alice",
      "  - rolearn: arn:aws:iam::1234567890:role/b",
      "mapUsers:",
      "  - userarn: arn:aws:iam::111122223333:user/u",
      "  - userarn: nope",
      "",
    ].join("\n");
    // WHEN it is imported
    const result = importAwsAuth(text, "aws-auth.yaml");
    // THEN the valid ones are entries, the others skipped with the shared rules' reasons and fixes
    expect(result.accessEntries.map((e) => e.principalARN)).toEqual([
      "arn:aws:iam::111122223333:role/a",
      "arn:aws:iam::111122223333:user/u",
    ]);
    expect(result.skipped).toEqual([
      {
        arn: "arn:aws:sts::111122223333:assumed-role/ops/alice",
        reason:
          "mapRoles[1].rolearn: arn:aws:sts::111122223333:assumed-role/ops/alice is an STS session, not an IAM principal; use the role's ARN arn:aws:iam::111122223333:role/ops (with its path, if it has one)",
        blocksApiMode: true,
      },
      {
        arn: "arn:aws:iam::1234567890:role/b",
        reason:
          'mapRoles[2].rolearn: "arn:aws:iam::1234567890:role/b" is not an IAM role ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)',
        blocksApiMode: true,
      },
      {
        arn: "nope",
        reason: 'mapUsers[1].userarn: "nope" is not an IAM user ARN (example: arn:aws:iam::111122223333:user/alice)',
        blocksApiMode: true,
      },
    ]);
    expect(result.canSwitchToApi).toBe(false);
  });

  test("a node username on an IAM user is neither a node nor a Fargate role: skipped, blocking", () => {
    // GIVEN users mapped with the node and the Fargate usernames
    const text = [
      "mapUsers:",
      "  - userarn: arn:aws:iam::111122223333:user/n",
      "    username: system:node:{{EC2PrivateDNSName}}",
      "    groups: [system:bootstrappers, system:nodes]",
      "  - userarn: arn:aws:iam::111122223333:user/f",
      "    username: system:node:{{SessionName}}",
      "    groups: [system:bootstrappers, system:nodes, system:node-proxier]",
      "",
    ].join("\n");
    // WHEN they are imported
    const result = importAwsAuth(text, "aws-auth.yaml");
    // THEN neither becomes an EC2_LINUX entry nor the Fargate role's non-blocking skip
    expect(result.accessEntries).toEqual([]);
    const nodeRule = (name: string, type: string) =>
      `arn:aws:iam::111122223333:user/${name} is an IAM user, and type ${type} takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:aws:iam::111122223333:role/<node-role>), or type STANDARD for a person`;
    expect(result.skipped).toEqual([
      {
        arn: "arn:aws:iam::111122223333:user/n",
        reason: `username system:node:{{EC2PrivateDNSName}} means type EC2_LINUX: ${nodeRule("n", "EC2_LINUX")}`,
        blocksApiMode: true,
      },
      {
        arn: "arn:aws:iam::111122223333:user/f",
        reason: `username system:node:{{SessionName}} means type FARGATE_LINUX: ${nodeRule("f", "FARGATE_LINUX")}`,
        blocksApiMode: true,
      },
    ]);
  });

  test("only non-blocking skips (a Fargate role, a duplicate): exit 0", async () => {
    // GIVEN a Fargate pod execution role, and a role mapped twice (its path confirmed) on standard input WHEN imported
    // THEN exit 0: one entry, the two skips listed as not blocking, and nothing blocks API mode
    const input = [
      "mapRoles:",
      "  - rolearn: arn:aws:iam::111122223333:role/fargate",
      "    username: system:node:{{SessionName}}",
      "    groups: [system:bootstrappers, system:nodes, system:node-proxier]",
      "  - rolearn: arn:aws:iam::111122223333:role/a",
      "  - rolearn: arn:aws:iam::111122223333:role/a",
      "",
    ].join("\n");
    const r = await cli(["import-aws-auth", "--role-path", "a=/", "-"], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        "1 access entry imported.",
        "Not migrated, not blocking:",
        "  - arn:aws:iam::111122223333:role/fargate: Fargate pod execution role: EKS creates its access entry with the Fargate profile",
        "  - arn:aws:iam::111122223333:role/a: duplicate of mapRoles[1]; the first mapping wins",
        "Nothing blocks authenticationMode: API once these entries are deployed and verified.",
        "",
      ].join("\n"),
    );
  });

  test("a kubectl List or several documents: the one aws-auth ConfigMap is read, and stderr says which", async () => {
    // GIVEN kubectl get configmap -n kube-system -o yaml (a List of every ConfigMap there)
    // WHEN it is imported
    const r = await cli(["import-aws-auth", "--json", fixture("kube-system-configmaps.yaml")]);
    // THEN aws-auth's mappings are imported and the others are named as ignored
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).accessEntries).toEqual([{ principalARN: "arn:aws:iam::111122223333:role/nodes", type: "EC2_LINUX" }]);
    expect(r.stderr.split("\n")[0]).toBe(
      `Read items[1] (ConfigMap kube-system/aws-auth) of ${fixture("kube-system-configmaps.yaml")}; ignored 2 other objects.`,
    );
  });

  test("path hints: IAM Identity Center roles get theirs, ARNs that carry a path get none", async () => {
    // GIVEN an SSO role, a role with a path, and a role confirmed to have none
    const input = [
      "mapRoles:",
      "  - rolearn: arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef",
      "    username: admin:{{SessionName}}",
      "    groups: [system:masters]",
      "  - rolearn: arn:aws:iam::111122223333:role/team/pathed",
      "    groups: [viewers]",
      "  - rolearn: arn:aws:iam::111122223333:role/plain",
      "",
    ].join("\n");
    // WHEN it is imported
    const r = await cli(["import-aws-auth", "--role-path", "plain=/", "-"], { input });
    // THEN only the SSO role gets a hint, with its path
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        "3 access entries imported.",
        "AWSReservedSSO_Admin_0123456789abcdef is an IAM Identity Center role, under /aws-reserved/sso.amazonaws.com/<region>/ (without <region>/ when Identity Center is in us-east-1): pass --role-path AWSReservedSSO_Admin_0123456789abcdef=/aws-reserved/sso.amazonaws.com/<region>/.",
        "Nothing blocks authenticationMode: API once these entries are deployed and verified.",
        "",
      ].join("\n"),
    );
  });

  test("an aws-auth ConfigMap with no mappings says there is nothing to migrate", async () => {
    // GIVEN an aws-auth ConfigMap without data WHEN imported THEN exit 0, saying there is nothing to migrate
    const r = await cli(["import-aws-auth", "-"], {
      input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aws-auth, namespace: kube-system}\n",
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("This aws-auth ConfigMap holds no mappings: there is nothing to migrate.");
  });

  test("--help documents the exit codes, as the README does", async () => {
    // GIVEN import-aws-auth --help THEN exit 0 and the exit statuses 0, 1 and 2 explained
    const r = await cli(["import-aws-auth", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        "Exit status:",
        "  0  every mapping imported, or skipped without blocking API mode (Fargate roles, duplicates)",
        "  1  the input could not be read: not an aws-auth ConfigMap, broken YAML, a mapping without its ARN,",
        "     or not a UTF-8 file of at most 1 MiB (a pipe, a device, a symbolic link loop)",
        "  2  imported with blocking items: standard output still holds the imported entries, standard",
      ].join("\n"),
    );
    // AND the README states the same exit codes
    const readme = readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(
      "`import-aws-auth` exits 0 when every mapping is imported or skipped without blocking API mode (Fargate roles, duplicates), 1 when the input cannot be read (not an aws-auth ConfigMap — another ConfigMap, a Deployment, an empty file —, broken YAML, a mapping without its ARN, a pipe or device, a file over 1 MiB or not in UTF-8; nothing on stdout), and 2 when it imported with blocking items (stdout still holds the imported entries).",
    );
  });

  test.each([
    [["import-aws-auth"], "private-eks import-aws-auth: name one file, or - for standard input"],
    [
      ["import-aws-auth", "--role-path", "nope", "x.yaml"],
      'private-eks import-aws-auth: --role-path "nope": write <role-name>=<path>, e.g. --role-path eks-admins=/team/',
    ],
    [["import-aws-auth", "missing.yaml"], "private-eks import-aws-auth: missing.yaml: does not exist; check the path"],
    [["import-aws-auth", "--yaml", "x.yaml"], "private-eks import-aws-auth: unknown option --yaml"],
  ])("usage mistakes: %p", async (args, message) => {
    // GIVEN a mistaken command line WHEN run THEN exit 1 and the message
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("a file that does not exist, as a process: exit 1, one line, no stack trace", () => {
    // GIVEN a path that does not exist WHEN the CLI process imports it THEN exit 1, the message naming it, no stack trace
    const r = privateEks(["import-aws-auth", "missing.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("private-eks import-aws-auth: missing.yaml: does not exist; check the path");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("the imported entries pass the same validation as hand-written config", () => {
    // GIVEN the entries imported from the every-rule aws-auth WHEN they are an environment's accessEntries THEN the config loads without a problem
    const { accessEntries } = importAwsAuth(readFileSync(fixture("every-rule.yaml"), "utf8"), "every-rule.yaml");
    const { parseEnvironment } = require("../../../environment/load") as typeof import("../../../environment/load");
    const text = JSON.stringify({ name: "mig", region: "eu-west-1", accessEntries });
    expect(parseEnvironment(text, "mig.yaml").lines).toEqual([]);
  });
});
