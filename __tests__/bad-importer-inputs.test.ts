import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./support/environment";
import { cli } from "./support/cli";
import { Ran, hasStackTrace, runNodeAsync } from "./support/run";

const DIR = join(ROOT, "__tests__", "bad-inputs");

/**
 * Input the importers cannot read (exit 1, exactly what they say, file prefix added below) and
 * mappings they skip as blocking while importing the rest (exit 2, each skipped item's line on
 * standard error, the principals still imported on standard output).
 */
type Expected = string[] | { blocking: string[]; imported: string[] };
const VIEWERS = "arn:aws:iam::111122223333:role/viewers";
const EXPECTED: Record<string, Expected> = {
  "aws-auth/assumed-role-arn.yaml": {
    blocking: [
      "arn:aws:sts::111122223333:assumed-role/eks-admins/alice@example.com: mapRoles[0].rolearn: arn:aws:sts::111122223333:assumed-role/eks-admins/alice@example.com is an STS session, not an IAM principal; use the role's ARN arn:aws:iam::111122223333:role/eks-admins (with its path, if it has one)",
    ],
    imported: [VIEWERS],
  },
  "aws-auth/broken-second-document.yaml": [
    "document 2: line 6: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there",
  ],
  "aws-auth/data-not-a-mapping.yaml": ["data: expected a mapping with mapRoles, mapUsers or mapAccounts"],
  "aws-auth/deployment.yaml": [
    "expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts), got kind: Deployment",
  ],
  "aws-auth/embedded-yaml-broken.yaml": [
    "data.mapRoles: line 3 of the embedded YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML inside data.mapRoles",
  ],
  "aws-auth/empty-list.yaml": [
    "expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got an empty list",
  ],
  "aws-auth/empty.yaml": [
    "expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got an empty document",
  ],
  "aws-auth/groups-not-a-list.yaml": ["mapRoles[0].groups: expected a list of group names"],
  "aws-auth/malformed-arn.yaml": {
    blocking: [
      'eks-admins: mapRoles[0].rolearn: "eks-admins" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)',
      'arn:aws:iam::111122223333:alice: mapUsers[0].userarn: "arn:aws:iam::111122223333:alice" is not an IAM user ARN (example: arn:aws:iam::111122223333:user/alice)',
    ],
    imported: [VIEWERS],
  },
  "aws-auth/map-users-not-a-list.yaml": ["data.mapUsers: expected a list, got number; write mapUsers as a YAML list of mappings"],
  "aws-auth/missing-rolearn.yaml": ["mapRoles[0].rolearn: is missing or not a string; every mapRoles item needs one"],
  "aws-auth/no-aws-auth-among-documents.yaml": [
    "none of its 2 objects is the aws-auth ConfigMap (kind: ConfigMap, name: aws-auth); pass kubectl get configmap aws-auth -n kube-system -o yaml",
  ],
  "aws-auth/node-username-on-user.yaml": {
    blocking: [
      "arn:aws:iam::111122223333:user/on-prem-node: username system:node:{{EC2PrivateDNSName}} means type EC2_LINUX: arn:aws:iam::111122223333:user/on-prem-node is an IAM user, and type EC2_LINUX takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:aws:iam::111122223333:role/<node-role>), or type STANDARD for a person",
      "arn:aws:iam::111122223333:user/fargate: username system:node:{{SessionName}} means type FARGATE_LINUX: arn:aws:iam::111122223333:user/fargate is an IAM user, and type FARGATE_LINUX takes only IAM roles (EKS accepts no users for node entries); use the role the nodes run as (example: arn:aws:iam::111122223333:role/<node-role>), or type STANDARD for a person",
    ],
    imported: ["arn:aws:iam::111122223333:role/nodes"],
  },
  "aws-auth/other-configmap.yaml": [
    "is the ConfigMap kube-system/coredns, not aws-auth; pass kubectl get configmap aws-auth -n kube-system -o yaml",
  ],
  "aws-auth/outer-yaml-broken.yaml": [
    "line 2: Flow map in block collection must be sufficiently indented and end with a }; fix the YAML syntax there",
    "line 2: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there",
  ],
  "aws-auth/short-account-id.yaml": {
    blocking: [
      'arn:aws:iam::1234567890:role/admins: mapRoles[0].rolearn: "arn:aws:iam::1234567890:role/admins" is not an IAM role ARN: the account id "1234567890" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)',
    ],
    imported: [VIEWERS],
  },
  "aws-auth/two-aws-auth-documents.yaml": ["holds 2 aws-auth ConfigMaps (document 1, document 2); pass only the one of this cluster"],
  "aws-auth/unnamed-configmap-without-mappings.yaml": [
    "a ConfigMap without a name and without mapRoles, mapUsers or mapAccounts is not aws-auth; pass kubectl get configmap aws-auth -n kube-system -o yaml",
  ],
  "aws-auth/unquoted-star-in-map-roles.yaml": [
    'data.mapRoles: line 2 of the embedded YAML: an unquoted * starts a YAML alias; quote it: "*"',
  ],
  "aws-auth/user-arn-in-map-roles.yaml": {
    blocking: [
      'arn:aws:iam::111122223333:user/not-a-role: mapRoles[0].rolearn: "arn:aws:iam::111122223333:user/not-a-role" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)',
    ],
    imported: [VIEWERS],
  },
  "aws-auth/wrong-kind.yaml": [
    "expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts), got kind: Secret",
  ],
  "kube2iam/broken-second-document.yaml": [
    "document 2: line 5: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there",
  ],
  "kube2iam/cronjob-without-template.yaml": [
    "document 1: CronJob/c has no pod template where Kubernetes puts it (spec.jobTemplate.spec.template)",
  ],
  "kube2iam/empty-list.yaml": [
    "no workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) in the input; pass what kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml prints",
  ],
  "kube2iam/empty.yaml": [
    "no workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) in the input; pass what kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml prints",
  ],
  "kube2iam/list-without-items.yaml": ["document 1: List has no items list; pass kubectl's -o yaml output unchanged"],
  "kube2iam/no-pod-template.yaml": ["document 1: Deployment/web has no pod template where Kubernetes puts it (spec.template)"],
  "kube2iam/no-workloads.yaml": [
    "no workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) in the input; pass what kubectl get deploy,sts,ds,rs,job,cronjob,pod -A -o yaml prints",
  ],
  "kube2iam/not-a-kubernetes-object.yaml": [
    "document 2: not a Kubernetes object (no kind); pass manifests such as kubectl get deploy -o yaml prints",
  ],
  "kube2iam/over-indented-key.yaml": [
    'document 1: line 5: "namespace" is indented deeper than "name" on line 4, so YAML reads it as part of that value; indent "namespace" like "name"',
  ],
  "kube2iam/role-name-without-base-arn.yaml": [
    'document 1: Deployment/web: iam.amazonaws.com/role: "reader" is a role name; pass --base-role-arn (kube2iam\'s, e.g. arn:aws:iam::111122223333:role/) or annotate the full role ARN',
  ],
  "kube2iam/unquoted-star-annotation.yaml": ['document 1: line 6: an unquoted * starts a YAML alias; quote it: "*"'],
  "kube2iam/user-arn-annotation.yaml": [
    'document 1: Pod/p: iam.amazonaws.com/role: "arn:aws:iam::111122223333:user/u" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)',
  ],
};

describe("bad input to the importers", () => {
  test("every file is pinned", () => {
    // GIVEN the aws-auth and kube2iam files in the bad-inputs directory THEN each has its expected outcome listed here, and nothing listed is missing
    const files = ["aws-auth", "kube2iam"].flatMap((tool) => readdirSync(join(DIR, tool)).map((f) => `${tool}/${f}`));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const unreadable = Object.entries(EXPECTED).filter((e): e is [string, string[]] => Array.isArray(e[1]));
  const partly = Object.entries(EXPECTED).filter((e): e is [string, { blocking: string[]; imported: string[] }] => !Array.isArray(e[1]));

  /** Imports `name` in-process (the CLI's run, from the project root), or as `npx private-eks` runs it. */
  const importer = (name: string, asProcess: boolean): Promise<Ran> => {
    const args = [`import-${name.split("/")[0]}`, relative(ROOT, join(DIR, name))];
    return asProcess ? runNodeAsync("bin/private-eks.js", args) : cli(args);
  };

  const expectUnreadable = (r: Ran, name: string, lines: string[]) => {
    const path = relative(ROOT, join(DIR, name));
    expect(r.stderr).toBe(`private-eks import-${name.split("/")[0]}: ${lines.map((l) => `${path}: ${l}`).join("\n")}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(hasStackTrace(r.stderr)).toBe(false);
  };

  const expectPartly = (r: Ran, { blocking, imported }: { blocking: string[]; imported: string[] }) => {
    expect(r.code).toBe(2);
    expect((parse(r.stdout) as { accessEntries: Array<{ principalARN: string }> }).accessEntries.map((e) => e.principalARN)).toEqual(
      imported,
    );
    const section = r.stderr.split("Not migrated, and blocking authenticationMode: API (these principals would lose access):\n")[1] ?? "";
    expect(
      section
        .split("\n")
        .filter((l) => l.startsWith("  - "))
        .map((l) => l.slice(4)),
    ).toEqual(blocking);
    expect(r.stderr).toContain("Do not switch to authenticationMode: API yet: fix the blocking mappings above first.");
    expect(hasStackTrace(r.stderr)).toBe(false);
  };

  test.each(unreadable)("%s: exit 1, the entry named, no stack trace, nothing on stdout", async (name, lines) => {
    // GIVEN input the importer cannot read
    // WHEN it is imported
    const r = await importer(name, false);
    // THEN every problem is named with the file, and nothing is printed to paste
    expectUnreadable(r, name, lines);
  });

  test.each(partly)("%s: exit 2, each blocking mapping with its reason, the valid ones still imported", async (name, expected) => {
    // GIVEN an aws-auth ConfigMap with mappings that cannot become access entries next to valid ones
    // WHEN it is imported
    const r = await importer(name, false);
    // THEN the valid mappings are on stdout, and stderr lists exactly the blocking ones
    expectPartly(r, expected);
  });

  // The same through the command as a process, for a few: the exit code and standard streams of a real run.
  test.concurrent.each(["aws-auth/deployment.yaml", "kube2iam/no-workloads.yaml", "aws-auth/malformed-arn.yaml"])(
    "%s as a process",
    async (name) => {
      // GIVEN one file of each kind WHEN `private-eks import-…` runs on it THEN exactly what the in-process run says
      const expected = EXPECTED[name];
      const r = await importer(name, true);
      if (Array.isArray(expected)) expectUnreadable(r, name, expected);
      else expectPartly(r, expected);
    },
  );
});
