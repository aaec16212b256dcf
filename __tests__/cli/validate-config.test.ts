import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Io, processIo } from "../../cli/io";
import { run } from "../../cli/private-eks";
import { ROOT } from "../support/environment";
import { hasStackTrace, privateEks } from "../support/run";

/** Runs the CLI in-process in `cwd`, capturing what it prints. */
async function cli(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { ...processIo, out: (t) => void out.push(t), err: (t) => void err.push(t) };
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(args, io);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.chdir(before);
  }
}

describe("private-eks validate-config", () => {
  test("a valid file", async () => {
    // GIVEN the shipped dev.yaml WHEN validated THEN one ok line, exit 0
    const r = await cli(["validate-config", "config/dev.yaml"]);
    expect(r).toMatchObject({ code: 0, stdout: "config/dev.yaml: ok (environment dev, stacks dev-cluster)\n" });
  });

  test("a result line for every file: the good ones too when another fails", async () => {
    // GIVEN a good file, a bad one and a missing one
    const dir = mkdtempSync(join(tmpdir(), "private-eks-validate-"));
    writeFileSync(join(dir, "a.yaml"), "name: a\nregion: eu-west-1\nnetwork: {egress: open}\n");
    writeFileSync(join(dir, "good.yaml"), "name: good\nregion: eu-west-1\n");
    // WHEN validated together
    const r = await cli(["validate-config", "good.yaml", "a.yaml", "b.yaml"], dir);
    // THEN the good one is ok on stdout, every problem of the others on stderr, exit 1
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("good.yaml: ok (environment good, stacks good-cluster)\n");
    const problems = r.stderr.split("\n").filter((l) => !l.startsWith("note: good.yaml: ")); // notes are not results
    expect(problems.join("\n")).toBe(
      'a.yaml: network.egress: "open" is not allowed; use one of nat, none (case-sensitive)\nb.yaml: (file): does not exist; check the path\n2 problems found.\n',
    );
  });

  test("- reads standard input, as the importers do (exit codes and no stack trace, as a process)", () => {
    // GIVEN dev.yaml piped in, then a broken file piped in
    const good = privateEks(["validate-config", "-"], { input: readFileSync(join(ROOT, "config/dev.yaml"), "utf8") });
    const bad = privateEks(["validate-config", "-", "config/dev.yaml"], {
      input: "name: x\nregion: eu-west-1\nnodeGroups: [{name: a, minSize: 5, maxSize: 3}]\n",
    });
    // THEN each is named <stdin>; the file beside the bad input still gets its ok line
    expect(good).toMatchObject({ code: 0, stdout: "<stdin>: ok (environment dev, stacks dev-cluster)\n" });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("config/dev.yaml: ok (environment dev, stacks dev-cluster)\n");
    expect(bad.stderr).toBe(
      "<stdin>: nodeGroups[0].minSize: 5 is greater than maxSize (3); make minSize ≤ desiredSize ≤ maxSize\n1 problem found.\n",
    );
    expect(hasStackTrace(bad.stderr)).toBe(false);
  });

  test("no file named", async () => {
    // GIVEN validate-config with no file WHEN run THEN exit 1, saying to name an environment file or - for standard input
    const r = await cli(["validate-config"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "private-eks validate-config: name at least one environment file, e.g. private-eks validate-config config/dev.yaml (- reads standard input)",
    );
  });

  test("an unknown command lists the commands", async () => {
    // GIVEN an unknown command deploy WHEN run THEN exit 1, naming it and listing the commands with their usage
    const r = await cli(["deploy"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('private-eks: unknown command "deploy"');
    expect(r.stderr).toMatch(/private-eks validate-config .*<file\.\.\.\|->/);
  });
});

describe("private-eks --version", () => {
  test.each([["--version"], ["-v"]])("%s prints the package version", async (flag) => {
    // GIVEN the package.json version WHEN asked THEN exactly that, exit 0
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("the built command finds it too (dist/cli is one level deeper than cli/)", () => {
    // GIVEN the built private-eks command WHEN run with --version THEN exit 0 and the package.json version
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(privateEks(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});
