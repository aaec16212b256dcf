import { synthDir } from "../support/review";
import { hasStackTrace, privateEks } from "../support/run";

describe("private-eks environments (the workflows' matrices, from the manifest)", () => {
  test("all environments; --with in-cluster only those with an <name>-in-cluster stack; --format lines for shell loops", () => {
    // GIVEN dev (cluster stack only) and ops (an IRSA service account: also an in-cluster stack)
    const dir = synthDir(
      {},
      {
        name: "ops",
        inCluster: { deployRoleARN: "arn:aws:iam::111122223333:role/github-deploy" },
        podRoles: [
          {
            namespace: "ops",
            serviceAccountName: "runner",
            mechanism: "irsa",
            permissionPolicyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          },
        ],
      },
    );
    // WHEN listed THEN
    expect(privateEks(["environments", "--dir", dir]).stdout).toBe('["dev","ops"]\n');
    expect(privateEks(["environments", "--dir", dir, "--with", "in-cluster"]).stdout).toBe('["ops"]\n');
    expect(privateEks(["environments", "--dir", dir, "--format", "lines"]).stdout).toBe("dev\nops\n");
  });

  test("the default environment has no in-cluster stack: an empty matrix, so deploy.yml skips that job", () => {
    // GIVEN the default dev environment synthesized WHEN listed --with in-cluster THEN an empty JSON list
    expect(privateEks(["environments", "--dir", synthDir(), "--with", "in-cluster"]).stdout).toBe("[]\n");
  });

  test("a directory with no manifest: clear error, exit 1", () => {
    // GIVEN a directory that does not exist WHEN environments are listed from it THEN exit 1, one line naming it and how to synthesize, no stack trace
    const r = privateEks(["environments", "--dir", "/nonexistent"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "private-eks environments: /nonexistent: no manifest.json here; run npm run synth (or npx cdktf synth) first, or point --dir at a cdktf.out directory\n",
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
