import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OutputError } from "../../app/output-dir";
import { synthesize } from "../../app/synthesize";
import { ROOT } from "../support/environment";
import { Ran, fingerprint, hasStackTrace, runNode, runNodeAsync } from "../support/run";

const DEV = join(ROOT, "config", "dev.yaml");
const synth = (outdir: string, env: Record<string, string> = {}, cwd?: string) =>
  runNode("scripts/synth.js", [], { env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: DEV, ...env }, cwd });
/**
 * The app's synthesize in-process, in `cwd`, as `synth` runs it (`files` as PRIVATE_EKS_CONFIG, or
 * every file in config/): what main.ts would print on stdout, or the OutputError line it would print on
 * stderr. Exit codes and stack traces are proved by the process-level tests.
 */
function synthInProcess(outdir: string, cwd: string, files?: string[]): { stacks?: string[]; error?: string } {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return { stacks: synthesize({ files, outdir }).stacks };
  } catch (e) {
    if (e instanceof OutputError) return { error: `${e.message}\n` };
    throw e;
  } finally {
    process.chdir(before);
  }
}
/** What a synth leaves next to its output directory: the output itself, and nothing else once done. */
const siblings = (parent: string) => readdirSync(parent).sort();

/**
 * Runs a synth and SIGKILLs it as soon as `when` holds (polled every millisecond), or lets it
 * finish if it never does. Resolves with whether it was killed.
 */
function synthKilledWhen(outdir: string, when: (pid: number) => boolean): Promise<{ killed: boolean; pid: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "synth.js")], {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: DEV },
      stdio: "ignore",
    });
    let killed = false;
    const poll = setInterval(() => {
      if (!killed && when(child.pid as number)) {
        killed = child.kill("SIGKILL");
        clearInterval(poll);
      }
    }, 1);
    child.on("exit", () => {
      clearInterval(poll);
      resolve({ killed, pid: child.pid as number });
    });
  });
}

describe("the output directory is whole or untouched", () => {
  // GIVEN (for every test) a complete previous output, told apart from a new one by one extra file
  const work = mkdtempSync(join(tmpdir(), "private-eks-whole-"));
  // At the depth of every output below: the local backend's state path is relative to it.
  const reference = join(work, "reference", "cdktf.out");
  let oldOutput: Record<string, string>;
  let newOutput: Record<string, string>;
  beforeAll(() => {
    mkdirSync(join(reference, ".."));
    expect(synth(reference).code).toBe(0);
    newOutput = fingerprint(reference);
    writeFileSync(join(reference, "from-the-previous-synth"), "old\n");
    oldOutput = fingerprint(reference);
  });
  const previousOutput = (name: string) => {
    const parent = join(work, name);
    mkdirSync(parent);
    cpSync(reference, join(parent, "cdktf.out"), { recursive: true });
    return { parent, outdir: join(parent, "cdktf.out") };
  };

  test("a synth killed at several points leaves the previous output or the complete new one; the next synth cleans up after it", async () => {
    const { parent, outdir } = previousOutput("killed");
    // Each synth's own files (named by its process id): what earlier killed synths left does not count.
    const staging = (pid: number) => `${outdir}.staging-${pid}`;
    const inStaging = (file: string) => (pid: number) => existsSync(join(staging(pid), file));
    const lockedBy = (pid: number) => existsSync(`${outdir}.lock`) && readFileSync(`${outdir}.lock`, "utf8") === `${pid}\n`;
    const points: Array<[string, (pid: number) => boolean, "old" | "old or new"]> = [
      ["the lock is taken", lockedBy, "old"],
      ["the staging directory is created", (pid) => existsSync(staging(pid)), "old"],
      ["a stack's directory is written", inStaging(join("stacks", "dev-cluster")), "old or new"],
    ];
    let interrupted = 0;
    for (const [point, when, expected] of points) {
      // WHEN a synth is killed at that point
      const { killed, pid } = await synthKilledWhen(outdir, when);
      // THEN the output directory is the old one or the complete new one, never a mix
      const now = existsSync(outdir) ? fingerprint(outdir) : undefined;
      const state =
        JSON.stringify(now) === JSON.stringify(oldOutput)
          ? "old"
          : JSON.stringify(now) === JSON.stringify(newOutput)
            ? "new"
            : "mixed or missing";
      expect({ point, state: expected === "old" ? state : state === "mixed or missing" ? state : "old or new" }).toEqual({
        point,
        state: expected,
      });
      if (killed && existsSync(staging(pid))) interrupted++;
      // (start the next point from the old output again)
      if (state === "new") {
        rmSync(outdir, { recursive: true });
        cpSync(reference, outdir, { recursive: true });
      }
    }
    // ...and the kills did land mid-synth (a staging directory was left behind)
    expect(interrupted).toBeGreaterThan(0);
    // WHEN a synth then runs to the end THEN it replaces the output and deletes every leftover (staging, lock)
    const r = synth(outdir);
    expect(r.code).toBe(0);
    expect(fingerprint(outdir)).toEqual(newOutput);
    expect(siblings(parent)).toEqual(["cdktf.out"]);
  }, 120_000);

  // Exact points, by system call: strace kills the synth as it makes the Nth call of one kind (the
  // compiled app is run directly, so a rebuild's own renames do not count).
  const canTrace = spawnSync("strace", ["-V"]).status === 0;
  if (!canTrace) process.stderr.write('SKIPPED "a synth killed at exact system calls": strace is not installed\n');
  (canTrace ? test : test.skip)(
    "a synth killed at exact system calls: before the swap the old output, after it the new, between its two renames the old one aside and put back by the next synth",
    async () => {
      const points: Array<[string, string, "old" | "new" | "aside"]> = [
        ["taking the lock", "link:when=1", "old"],
        ["creating a stack's directory in the staging directory", "mkdir:when=3", "old"],
        ["renaming the previous output aside", "rename:when=1", "old"],
        ["renaming the staging directory into place", "rename:when=2", "aside"],
        ["deleting the previous output", "rmdir:when=1", "new"],
      ];
      // GIVEN the previous output, once per point WHEN a synth is killed at that call (all points at once)
      const runs = await Promise.all(
        points.map(([point, inject, expected]) => {
          const { parent, outdir } = previousOutput(`strace-${inject.replace(/\W/g, "-")}`);
          return new Promise<{ point: string; expected: string; parent: string; outdir: string; code: number | null }>((resolve) => {
            const child = spawn(
              "strace",
              [
                "-qq",
                "-o",
                "/dev/null",
                "-e",
                `inject=${inject.replace(":", ":signal=KILL:")}`,
                process.execPath,
                join(ROOT, "dist", "main.js"),
              ],
              {
                cwd: ROOT,
                stdio: "ignore",
                env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: DEV },
              },
            );
            child.on("exit", (code) => resolve({ point, expected, parent, outdir, code }));
          });
        }),
      );
      for (const { point, expected, parent, outdir, code } of runs) {
        // THEN it was killed, and the output is the old one, the new one, or (between the renames) the old one aside
        const aside = readdirSync(parent).find((f) => f.startsWith("cdktf.out.previous-"));
        const same = (dir: string, fp: Record<string, string>) => JSON.stringify(fingerprint(dir)) === JSON.stringify(fp);
        const state = !existsSync(outdir)
          ? aside && same(join(parent, aside), oldOutput)
            ? "aside"
            : "missing"
          : same(outdir, oldOutput)
            ? "old"
            : same(outdir, newOutput)
              ? "new"
              : "mixed";
        expect({ point, killed: code !== 0, state }).toEqual({ point, killed: true, state: expected });
      }
      // WHEN the next synth runs after the kill between the renames THEN the new output, and nothing else left next to it
      const between = runs.find((r) => r.expected === "aside")!;
      expect(synth(between.outdir).code).toBe(0);
      expect(fingerprint(between.outdir)).toEqual(newOutput);
      expect(siblings(between.parent)).toEqual(["cdktf.out"]);
    },
    120_000,
  );

  test("a kill between the two renames of the swap: the next synth puts the previous output back first", () => {
    // GIVEN what a synth killed between its two renames leaves: no output directory, the previous one aside, a stale lock
    const { parent, outdir } = previousOutput("mid-swap");
    cpSync(outdir, `${outdir}.previous-999999`, { recursive: true });
    rmSync(outdir, { recursive: true });
    writeFileSync(`${outdir}.lock`, "999999\n");
    // WHEN a synth with a config error runs
    const bad = join(parent, "dev.yaml");
    writeFileSync(bad, "name: dev\nregion: eu-west-1\nnetwork:\n  cidr: 10.0.0.0/33\n");
    expect(synth(outdir, { PRIVATE_EKS_CONFIG: bad }).code).toBe(1);
    // THEN it touches nothing, not even the leftovers
    expect(existsSync(outdir)).toBe(false);
    expect(fingerprint(`${outdir}.previous-999999`)).toEqual(oldOutput);
    // WHEN a good synth runs THEN it restores, then replaces, and leaves nothing else behind
    expect(synth(outdir).code).toBe(0);
    expect(fingerprint(outdir)).toEqual(newOutput);
    expect(siblings(parent)).toEqual(["cdktf.out", "dev.yaml"]);
  });

  test("two synths into one directory: a synth that finds a running one stops with a clear error; a lock of a killed synth is taken over", async () => {
    // GIVEN a lock held by a running process (this one)
    const { parent, outdir } = previousOutput("locked");
    writeFileSync(`${outdir}.lock`, `${process.pid}\n`);
    // WHEN a synth starts THEN it stops, names the process and the fix, and touches nothing
    const r = synth(outdir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${outdir}: another synth (process ${process.pid}) is writing it now; wait for it to finish, then run again (if no synth is running, delete ${outdir}.lock). Nothing was synthesized.\n`,
    );
    expect(fingerprint(outdir)).toEqual(oldOutput);
    // GIVEN the lock of a process that is gone WHEN a synth starts THEN it takes the lock over and finishes
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(`${outdir}.lock`, `${gone}\n`);
    expect(synth(outdir).code).toBe(0);
    expect(fingerprint(outdir)).toEqual(newOutput);
    // GIVEN two synths started at once WHEN both run THEN each finishes or stops on the lock, and the output is one whole synth
    const both: Ran[] = await Promise.all(
      [0, 1].map(() => runNodeAsync("scripts/synth.js", [], { env: { CDKTF_OUTDIR: outdir, PRIVATE_EKS_CONFIG: DEV } })),
    );
    for (const b of both) expect(b.code === 0 ? "" : b.stderr).toMatch(/^(|.*another synth \(process \d+\) is writing it now.*\n)$/);
    expect(both.some((b) => b.code === 0)).toBe(true);
    expect(fingerprint(outdir)).toEqual(newOutput);
    expect(siblings(parent)).toEqual(["cdktf.out"]);
  }, 60_000);

  test("CDKTF_OUTDIR in a directory that does not exist: one line, exit 1, nothing created (as a process)", () => {
    // GIVEN an output directory whose parent does not exist WHEN the app runs THEN one line, exit 1, no stack trace
    const outdir = join(work, "no-such-dir", "cdktf.out");
    const r = synth(outdir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${outdir}: its parent directory ${join(work, "no-such-dir")} does not exist; create it, or set CDKTF_OUTDIR to a path in an existing directory. Nothing was synthesized.\n`,
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(work, "no-such-dir"))).toBe(false);
  });

  test.each([
    [
      "the working directory",
      ".",
      () =>
        `.: is the working directory or contains it, and a synth replaces its output directory whole; set CDKTF_OUTDIR to a directory of its own (default: cdktf.out). Nothing was synthesized.\n`,
    ],
    [
      "a directory above it",
      "..",
      () =>
        `..: is the working directory or contains it, and a synth replaces its output directory whole; set CDKTF_OUTDIR to a directory of its own (default: cdktf.out). Nothing was synthesized.\n`,
    ],
    [
      "a directory of other files",
      "notes",
      () =>
        `notes: holds files that are not a synth's output (no manifest.json or stacks/), and a synth replaces its output directory whole; empty it, or set CDKTF_OUTDIR to a new directory. Nothing was synthesized.\n`,
    ],
  ])("CDKTF_OUTDIR naming %s: refused, nothing touched (a synth replaces its output directory whole)", (_what, outdir, message) => {
    // GIVEN a working directory with a config and a directory of the user's notes
    const cwd = join(work, `refused-${outdir.replace(/\W/g, "") || "dot"}`);
    mkdirSync(join(cwd, "notes"), { recursive: true });
    writeFileSync(join(cwd, "notes", "todo.txt"), "mine\n");
    const before = fingerprint(cwd);
    // WHEN synthesized into it (in-process) THEN refused with the message, nothing touched
    expect(synthInProcess(outdir, cwd, [DEV])).toEqual({ error: message() });
    expect(fingerprint(cwd)).toEqual(before);
  });

  test("a filtered synth (PRIVATE_EKS_CONFIG) holds exactly its own stacks, as the manifest lists; Terraform's files in a kept stack directory stay", () => {
    // GIVEN an output of two environments, dev's stack initialised by terraform
    const cwd = join(work, "two-environments");
    mkdirSync(join(cwd, "config"), { recursive: true });
    cpSync(DEV, join(cwd, "config", "dev.yaml"));
    writeFileSync(join(cwd, "config", "ops.yaml"), readFileSync(DEV, "utf8").replace(/^name: dev$/m, "name: ops"));
    const outdir = join(cwd, "cdktf.out");
    expect(synthInProcess(outdir, cwd, undefined)).toEqual({ stacks: ["dev-cluster", "ops-cluster"] });
    mkdirSync(join(outdir, "stacks", "dev-cluster", ".terraform"));
    writeFileSync(join(outdir, "stacks", "dev-cluster", ".terraform", "terraform.tfstate"), "{}\n");
    writeFileSync(join(outdir, "stacks", "dev-cluster", ".terraform.lock.hcl"), "# lock\n");
    // WHEN only dev is synthesized
    expect(synthInProcess(outdir, cwd, [join(cwd, "config", "dev.yaml")])).toEqual({ stacks: ["dev-cluster"] });
    // THEN the directory is what the manifest lists, and dev's Terraform files are still there
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["dev-cluster"]);
    expect(readdirSync(join(outdir, "stacks"))).toEqual(["dev-cluster"]);
    expect(readdirSync(join(outdir, "stacks", "dev-cluster")).sort()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf.json"]);
  });
});

/** `unshare -rm`: a private mount namespace where a tiny or read-only tmpfs can be mounted without privileges. */
const canMount =
  spawnSync("unshare", ["-rm", "sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d && umount $d && rmdir $d"]).status === 0;
if (!canMount) process.stderr.write('SKIPPED "a full disk, a read-only directory": unshare -rm cannot mount a tmpfs here\n');

(canMount ? describe : describe.skip)("a full disk, a read-only directory", () => {
  // GIVEN (for every test) a previous output, synthesized once; each test copies it onto its own tmpfs
  const previous = join(mkdtempSync(join(tmpdir(), "private-eks-tmpfs-previous-")), "cdktf.out");
  beforeAll(() => {
    expect(synth(previous).code).toBe(0);
  });

  /**
   * In a mount namespace: a tmpfs of `sizeKiB` on a fresh directory, the previous output copied
   * into it, optionally remounted read-only, then a synth into it. Returns the synth and the
   * fingerprint of what is left on the tmpfs.
   */
  function synthOnTmpfs(sizeKiB: number, readOnly: boolean) {
    const work = mkdtempSync(join(tmpdir(), "private-eks-tmpfs-"));
    const mnt = join(work, "mnt");
    const after = join(work, "after");
    mkdirSync(mnt);
    mkdirSync(after);
    const script = [
      `mount -t tmpfs -o size=${sizeKiB}k tmpfs "$MNT"`,
      `cp -a "$PREVIOUS" "$MNT/cdktf.out"`,
      readOnly ? `mount -o remount,ro "$MNT"` : "true",
      `node scripts/synth.js > "$AFTER/stdout" 2> "$AFTER/stderr"; echo $? > "$AFTER/code"`,
      `cp -a "$MNT/." "$AFTER/disk"`,
    ].join(" && ");
    const r = spawnSync("unshare", ["-rm", "sh", "-c", script], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: "1",
        MNT: mnt,
        PREVIOUS: previous,
        AFTER: after,
        CDKTF_OUTDIR: join(mnt, "cdktf.out"),
        PRIVATE_EKS_CONFIG: DEV,
      },
    });
    expect(r.stderr).toBe("");
    return {
      outdir: join(mnt, "cdktf.out"),
      code: Number(readFileSync(join(after, "code"), "utf8")),
      stdout: readFileSync(join(after, "stdout"), "utf8"),
      stderr: readFileSync(join(after, "stderr"), "utf8"),
      previous: fingerprint(previous),
      left: readdirSync(join(after, "disk")).sort(),
      output: fingerprint(join(after, "disk", "cdktf.out")),
    };
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  test("the disk fills up mid-synth (ENOSPC): one line, exit 1, the previous output intact, no staging left", () => {
    // GIVEN a tmpfs that holds the previous output and only part of a second copy
    const bytes = Object.keys(fingerprint(previous)).reduce((n, f) => n + readFileSync(join(previous, f)).length, 0);
    const size = Math.ceil((bytes * 1.5) / 4096) * 4 + 16;
    // WHEN a synth runs into it
    const r = synthOnTmpfs(size, false);
    // THEN
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(
        `^${escape(r.outdir)}: the disk is full; free some space and synthesize again \\(ENOSPC on [^\\n]+\\)\\. The previous output is unchanged\\.\\n$`,
      ),
    );
    expect(r.code).toBe(1);
    expect(r.output).toEqual(r.previous);
    expect(r.left).toEqual(["cdktf.out"]);
  });

  test("a read-only directory (EROFS): one line naming the directory, exit 1, the previous output intact", () => {
    // GIVEN the previous output on a read-only tmpfs WHEN a synth runs into it
    const r = synthOnTmpfs(4096, true);
    // THEN
    const mnt = join(r.outdir, "..");
    expect(r.stderr).toMatch(
      new RegExp(
        `^${escape(r.outdir)}: ${escape(mnt)} is not writable; make it writable, or set CDKTF_OUTDIR to a directory you can write \\(EROFS on ${escape(r.outdir)}\\.lock\\.\\d+\\)\\. The previous output is unchanged\\.\\n$`,
      ),
    );
    expect(r.code).toBe(1);
    expect(r.output).toEqual(r.previous);
    expect(r.left).toEqual(["cdktf.out"]);
  });
});
