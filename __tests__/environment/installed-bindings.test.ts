import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installedBindingProblems } from "../../environment/installed-bindings";
import { parseEnvironment } from "../../environment/load";
import { ROOT } from "../support/environment";

const fixture = (name: string) => {
  const file = join("__tests__", "fixtures", "optional-peer", `${name}.yaml`);
  const { config, lines } = parseEnvironment(readFileSync(join(ROOT, file), "utf8"), file);
  expect(lines).toEqual([]);
  return config!;
};

const INSTALL =
  'which uses the optional peer dependency @cdktf/provider-kubernetes, not installed; run npm install @cdktf/provider-kubernetes@"^12.1.1"';

describe("the in-cluster stack and the optional Kubernetes bindings", () => {
  test("installed (as here): nothing to report", () => {
    // GIVEN an environment that needs the in-cluster stack WHEN the bindings are installed THEN no problem
    expect(installedBindingProblems(fixture("migrating"))).toEqual([]);
  });

  test("missing: one problem at the first key that needs the stack, naming the others and both fixes", () => {
    // GIVEN aws-auth mappings kept while migrating and an IRSA ServiceAccount WHEN the bindings are missing
    const problems = installedBindingProblems(fixture("migrating"), false);
    // THEN
    expect(problems).toEqual([
      {
        path: ["legacyAwsAuth"],
        message: `needs the migrating-in-cluster stack (so do podRoles[0]), ${INSTALL}, or remove legacyAwsAuth once every mapping is an access entry`,
      },
    ]);
  });

  test("missing, only a ServiceAccount: the pod role carries it, with createServiceAccount: false as the other way out", () => {
    // GIVEN only an IRSA role with a named service account
    const env = { ...fixture("migrating"), legacyAwsAuth: undefined };
    // WHEN the bindings are missing THEN
    expect(installedBindingProblems(env, false)).toEqual([
      {
        path: ["podRoles", 0],
        message: `needs the migrating-in-cluster stack, ${INSTALL}, or set createServiceAccount: false and create the ServiceAccount yourself`,
      },
    ]);
  });

  test("missing, nothing in-cluster (Pod Identity, no aws-auth): nothing to report", () => {
    // GIVEN an AWS-only environment WHEN the bindings are missing THEN no problem
    expect(installedBindingProblems(fixture("aws-only"), false)).toEqual([]);
  });
});
