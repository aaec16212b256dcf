import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./support/environment";
import { hasStackTrace, runNodeAsync } from "./support/run";

const DIR = join(ROOT, "__tests__", "bad-inputs");

/** Malformed aws-auth ConfigMaps and manifests, and exactly what the importers say (file prefix added below). */
const EXPECTED: Record<string, string[]> = {
  "aws-auth/data-not-a-mapping.yaml": ["data: expected a mapping with mapRoles, mapUsers or mapAccounts"],
  "aws-auth/embedded-yaml-broken.yaml": ["data.mapRoles: line 3 of the embedded YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML inside data.mapRoles"],
  "aws-auth/empty.yaml": ["expected the aws-auth ConfigMap (kubectl get configmap aws-auth -n kube-system -o yaml) or its data, got an empty document"],
  "aws-auth/groups-not-a-list.yaml": ["mapRoles[0].groups: expected a list of group names"],
  "aws-auth/map-users-not-a-list.yaml": ["data.mapUsers: expected a list, got number; write mapUsers as a YAML list of mappings"],
  "aws-auth/missing-rolearn.yaml": ["mapRoles[0].rolearn: is missing or not a string; every mapRoles item needs one"],
  "aws-auth/outer-yaml-broken.yaml": ["line 2: Flow map in block collection must be sufficiently indented and end with a }; fix the YAML syntax there", "line 2: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there"],
  "aws-auth/short-account-id.yaml": ["mapRoles[0].rolearn: \"arn:aws:iam::1234567890:role/admins\" is not an IAM role ARN: the account id \"1234567890\" has 10 characters, AWS account ids have 12 digits (example: arn:aws:iam::111122223333:role/eks-admins)"],
  "aws-auth/user-arn-in-map-roles.yaml": ["mapRoles[0].rolearn: \"arn:aws:iam::111122223333:user/not-a-role\" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/eks-admins)"],
  "aws-auth/wrong-kind.yaml": ["expected the aws-auth ConfigMap (kind: ConfigMap) or its data (mapRoles, mapUsers, mapAccounts), got kind: Secret"],
  "kube2iam/broken-second-document.yaml": ["document 2: line 5: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax there"],
  "kube2iam/cronjob-without-template.yaml": ["document 1: CronJob/c has no pod template where Kubernetes puts it (spec.jobTemplate.spec.template)"],
  "kube2iam/list-without-items.yaml": ["document 1: List has no items list; pass kubectl's -o yaml output unchanged"],
  "kube2iam/no-pod-template.yaml": ["document 1: Deployment/web has no pod template where Kubernetes puts it (spec.template)"],
  "kube2iam/not-a-kubernetes-object.yaml": ["document 2: not a Kubernetes object (no kind); pass manifests such as kubectl get deploy -o yaml prints"],
  "kube2iam/role-name-without-base-arn.yaml": ["document 1: Deployment/web: iam.amazonaws.com/role: \"reader\" is a role name; pass --base-role-arn (kube2iam's, e.g. arn:aws:iam::111122223333:role/) or annotate the full role ARN"],
  "kube2iam/user-arn-annotation.yaml": ["document 1: Pod/p: iam.amazonaws.com/role: \"arn:aws:iam::111122223333:user/u\" is not an IAM role ARN (example: arn:aws:iam::111122223333:role/app-s3)"],
};

describe("bad input to the importers", () => {
  test("every file is pinned", () => {
    const files = ["aws-auth", "kube2iam"].flatMap((tool) => readdirSync(join(DIR, tool)).map((f) => `${tool}/${f}`));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.concurrent.each(Object.entries(EXPECTED))("%s: exit 1, the entry named, no stack trace, nothing on stdout", async (name, lines) => {
    const [tool] = name.split("/");
    const path = relative(ROOT, join(DIR, name));
    const r = await runNodeAsync("bin/private-eks.js", [`import-${tool}`, path]);
    expect(r.stderr).toBe(`private-eks import-${tool}: ${lines.map((l) => `${path}: ${l}`).join("\n")}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
