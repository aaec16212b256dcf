import { join } from "node:path";
import { stringify } from "yaml";
import { parseEnvironment } from "../../lib/config/load";
import { importKube2iam } from "../../lib/importers/kube2iam";
import { ROOT } from "../support/environment";
import { hasStackTrace, privateEks } from "../support/run";

const fixture = (name: string) => join(ROOT, "__tests__", "fixtures", "kube2iam", name);
const BASE = "arn:aws:iam::111122223333:role/";
const trust = (namespace: string, serviceAccount: string) => ({
  Sid: "EksPodIdentity",
  Effect: "Allow",
  Principal: { Service: "pods.eks.amazonaws.com" },
  Action: ["sts:AssumeRole", "sts:TagSession"],
  Condition: { StringEquals: { "aws:RequestTag/kubernetes-namespace": namespace, "aws:RequestTag/kubernetes-service-account": serviceAccount } },
});

describe("import-kube2iam", () => {
  test("every workload kind, a List, and the conflict, --json compared whole", () => {
    const r = privateEks(["import-kube2iam", "--json", "--base-role-arn", BASE, fixture("workloads.yaml"), fixture("list.yaml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      podRoles: [
        { namespace: "default", serviceAccountName: "legacy", mechanism: "podIdentity", roleARN: `${BASE}legacy` },
        { namespace: "logging", serviceAccountName: "default", mechanism: "podIdentity", roleARN: `${BASE}log-shipper` },
        { namespace: "ops", serviceAccountName: "debugger", mechanism: "podIdentity", roleARN: `${BASE}ops-debug` },
        { namespace: "payments", serviceAccountName: "api", mechanism: "podIdentity", roleARN: `${BASE}payments-api` },
        { namespace: "shop", serviceAccountName: "backup", mechanism: "podIdentity", roleARN: `${BASE}backup-writer` },
        { namespace: "shop", serviceAccountName: "web", mechanism: "podIdentity", roleARN: `${BASE}shop-s3-reader` },
      ],
      conflicts: [{ namespace: "shop", serviceAccountName: "jobs", roles: [`${BASE}shop-migrator`, `${BASE}shop-reporter`], workloads: ["CronJob/nightly-report", "Job/migrate"] }],
      trustStatements: {
        [`${BASE}backup-writer`]: trust("shop", "backup"),
        [`${BASE}legacy`]: trust("default", "legacy"),
        [`${BASE}log-shipper`]: trust("logging", "default"),
        [`${BASE}ops-debug`]: trust("ops", "debugger"),
        [`${BASE}payments-api`]: trust("payments", "api"),
        [`${BASE}shop-s3-reader`]: trust("shop", "web"),
      },
    });
    expect(r.stderr).toContain("Not mapped: shop/jobs is used with 2 roles");
    expect(r.stderr).toContain("give each workload its own service account");
    expect(r.stderr).toContain("Check: payments/api is also used by Deployment/admin-tool without the annotation");
    expect(r.stderr).toContain("remove the node role's sts:AssumeRole permission");
  });

  test("--namespace for manifests without one, --cluster-arn narrows the trust", () => {
    const result = importKube2iam([{ name: "rs.yaml", text: "kind: ReplicaSet\nmetadata: {name: r}\nspec:\n  template:\n    metadata: {annotations: {iam.amazonaws.com/role: arn:aws:iam::111122223333:role/r}}\n    spec: {}\n" }], {
      namespace: "team-a",
      clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/dev",
    });
    expect(result.podRoles).toEqual([{ namespace: "team-a", serviceAccountName: "default", mechanism: "podIdentity", roleARN: "arn:aws:iam::111122223333:role/r" }]);
    expect(result.trustStatements["arn:aws:iam::111122223333:role/r"].Condition!.StringEquals["aws:RequestTag/eks-cluster-arn"]).toBe("arn:aws:eks:eu-west-1:111122223333:cluster/dev");
  });

  test("the YAML output pastes into config and validates", () => {
    const r = privateEks(["import-kube2iam", "--base-role-arn", BASE, fixture("workloads.yaml")]);
    const podRoles = (require("yaml") as typeof import("yaml")).parse(r.stdout).podRoles;
    expect(parseEnvironment(stringify({ name: "dev", region: "eu-west-1", podRoles }), "dev.yaml").lines).toEqual([]);
  });

  test.each([
    [["import-kube2iam", "-"], "kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {annotations: {iam.amazonaws.com/role: reader}}\n", '<stdin>: document 1: Deployment/web: iam.amazonaws.com/role: "reader" is a role name; pass --base-role-arn'],
    [["import-kube2iam", "-"], "kind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n", "<stdin>: document 1: Deployment/web has no pod template where Kubernetes puts it (spec.template)"],
    [["import-kube2iam", "-"], "kind: Service\n---\n- just\n- a list\n", "<stdin>: document 2: not a Kubernetes object (no kind)"],
    [["import-kube2iam", "-"], "kind: Pod\nmetadata: {name: p, annotations: {iam.amazonaws.com/role: 'arn:aws:iam::111122223333:user/u'}}\n", '<stdin>: document 1: Pod/p: iam.amazonaws.com/role: "arn:aws:iam::111122223333:user/u" is not an IAM role ARN'],
    [["import-kube2iam", "-"], "kind: Pod\n---\nkind: [\n", "<stdin>: document 2: line 4:"],
    [["import-kube2iam", "--base-role-arn", "role/", "-"], "", '--base-role-arn "role/": use kube2iam\'s form, e.g. arn:aws:iam::111122223333:role/'],
    [["import-kube2iam"], "", "name manifest files, or - for standard input"],
  ])("malformed input: %p", (args, input, message) => {
    const r = privateEks(args, { input });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  test("workloads without the annotation are ignored", () => {
    const result = importKube2iam([{ name: "x.yaml", text: "kind: Deployment\nmetadata: {name: plain}\nspec:\n  template:\n    spec: {serviceAccountName: web}\n" }]);
    expect(result).toEqual({ podRoles: [], conflicts: [], trustStatements: {}, sharedWithUnannotated: [] });
  });
});
