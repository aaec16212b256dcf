import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * The output directory could not be written (missing parent, full disk, read-only, another synth
 * holds it): one line, and the previous output is still there, whole.
 */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** Paths next to the output directory: all siblings, so renames stay on one filesystem and relative paths (local state) stay right. */
interface Layout {
  /** As the user named it, for messages. */
  readonly shown: string;
  readonly outdir: string;
  readonly parent: string;
  readonly lock: string;
  readonly staging: string;
  readonly previous: string;
}

function layout(shown: string): Layout {
  let outdir = resolve(shown);
  // A symlinked output directory: swap the directory it points to, keep the link.
  if (existsSync(outdir)) outdir = realpathSync(outdir);
  const parent = dirname(outdir);
  return {
    shown,
    outdir,
    parent,
    lock: `${outdir}.lock`,
    staging: `${outdir}.staging-${process.pid}`,
    previous: `${outdir}.previous-${process.pid}`,
  };
}

/**
 * Writes the output directory whole or not at all: `write` fills a staging directory next to it
 * (`<outdir>.staging-<pid>`), and only when it returns is the staging directory renamed into place
 * (the previous output is renamed aside first and deleted last). A crash or kill before that leaves
 * the previous output as it was; the next run deletes what the killed one left behind.
 *
 * One synth at a time per directory: `<outdir>.lock` holds the writer's process id; a second synth
 * stops with an error naming it. A lock whose process is gone (a killed synth) is taken over.
 *
 * Terraform's own files in a stack directory (`.terraform`, `.terraform.lock.hcl`, anything synth
 * does not write) move over to the new output for the stacks it still has.
 */
export function writeWhole<T>(outdir: string, write: (staging: string) => T): T {
  const at = layout(outdir);
  if (!existsSync(at.parent) || !statSync(at.parent).isDirectory()) {
    throw new OutputError(
      `${at.shown}: its parent directory ${at.parent} does not exist; create it, or set CDKTF_OUTDIR to a path in an existing directory. Nothing was synthesized.`,
    );
  }
  if (existsSync(at.outdir) && !statSync(at.outdir).isDirectory()) {
    throw new OutputError(
      `${at.shown}: is a file, not a directory; move it away, or set CDKTF_OUTDIR to another path. Nothing was synthesized.`,
    );
  }
  // The whole directory is replaced: never the working directory or one above it, never a directory of other files.
  const cwd = resolve(process.cwd());
  if (cwd === at.outdir || cwd.startsWith(`${at.outdir}/`) || at.parent === at.outdir) {
    throw new OutputError(
      `${at.shown}: is the working directory or contains it, and a synth replaces its output directory whole; set CDKTF_OUTDIR to a directory of its own (default: cdktf.out). Nothing was synthesized.`,
    );
  }
  if (existsSync(at.outdir) && !looksSynthesized(at.outdir)) {
    throw new OutputError(
      `${at.shown}: holds files that are not a synth's output (no manifest.json or stacks/), and a synth replaces its output directory whole; empty it, or set CDKTF_OUTDIR to a new directory. Nothing was synthesized.`,
    );
  }
  guard(at, () => acquire(at));
  try {
    guard(at, () => recover(at));
    return guard(at, () => {
      mkdirSync(at.staging);
      try {
        const result = write(at.staging);
        swap(at);
        return result;
      } catch (e) {
        rmSync(at.staging, { recursive: true, force: true });
        throw e;
      }
    });
  } finally {
    release(at);
  }
}

/** Empty, or what a synth writes: replacing it loses nothing of the user's. */
function looksSynthesized(dir: string): boolean {
  const entries = readdirSync(dir);
  return entries.length === 0 || entries.includes("manifest.json") || entries.includes("stacks");
}

/** A file-system error becomes one line naming the directory and the fix; anything else passes through. */
function guard<T>(at: Layout, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code !== "string" || typeof err.syscall !== "string") throw e;
    const what = `${err.code} on ${err.path ?? err.syscall}`;
    const fix =
      err.code === "ENOSPC" || err.code === "EDQUOT"
        ? "the disk is full; free some space and synthesize again"
        : err.code === "EACCES" || err.code === "EPERM" || err.code === "EROFS"
          ? `${at.parent} is not writable; make it writable, or set CDKTF_OUTDIR to a directory you can write`
          : `cannot write it (${err.message})`;
    throw new OutputError(`${at.shown}: ${fix} (${what}). The previous output is unchanged.`);
  }
}

function acquire(at: Layout): void {
  // Written under a private name, then hard-linked into place: the lock appears with its process id
  // already in it (link fails if the lock exists), so no reader ever sees an empty lock.
  const mine = `${at.lock}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, at.lock);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const holder = lockHolder(at.lock);
      if (holder !== undefined && isRunning(holder)) {
        throw new OutputError(
          `${at.shown}: another synth (process ${holder}) is writing it now; wait for it to finish, then run again (if no synth is running, delete ${at.lock}). Nothing was synthesized.`,
        );
      }
      // Its synth was killed: take the lock over.
      rmSync(at.lock, { force: true });
    }
    throw new OutputError(`${at.shown}: could not take ${at.lock} (other synths keep starting); run again. Nothing was synthesized.`);
  } finally {
    rmSync(mine, { force: true });
  }
}

function lockHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function release(at: Layout): void {
  if (lockHolder(at.lock) === process.pid) rmSync(at.lock, { force: true });
}

/**
 * Under the lock, anything a killed synth left is stale: staging directories (and half-taken
 * locks) are deleted; a
 * previous output renamed aside is put back if the kill came between the two renames of the swap
 * (the output directory is missing), and deleted otherwise.
 */
function recover(at: Layout): void {
  const name = basename(at.outdir);
  const leftovers = readdirSync(at.parent).filter(
    (f) => f.startsWith(`${name}.staging-`) || f.startsWith(`${name}.previous-`) || f.startsWith(`${name}.lock.`),
  );
  for (const f of leftovers) {
    const path = join(at.parent, f);
    if (f.startsWith(`${name}.previous-`) && !existsSync(at.outdir)) renameSync(path, at.outdir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function swap(at: Layout): void {
  if (!existsSync(at.outdir)) {
    renameSync(at.staging, at.outdir);
    return;
  }
  renameSync(at.outdir, at.previous);
  try {
    renameSync(at.staging, at.outdir);
  } catch (e) {
    renameSync(at.previous, at.outdir);
    throw e;
  }
  // The new output is in place: from here on nothing may fail the synth.
  try {
    carryOverTerraformFiles(at.previous, at.outdir);
  } catch {
    // Terraform's working files are a cache (terraform init recreates them).
  }
  rmSync(at.previous, { recursive: true, force: true });
}

function carryOverTerraformFiles(from: string, to: string): void {
  const stacks = join(from, "stacks");
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    const target = join(to, "stacks", stack);
    if (!existsSync(target)) continue; // a stack this synth no longer has: its directory goes
    const written = new Set(readdirSync(target));
    for (const entry of readdirSync(join(stacks, stack)))
      if (!written.has(entry)) renameSync(join(stacks, stack, entry), join(target, entry));
  }
}
