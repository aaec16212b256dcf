import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputFile } from "../../core/input-file";
import { Io, processIo } from "../../cli/io";
import { run } from "../../cli/private-eks";
import { ROOT } from "./environment";
import { Ran } from "./run";

/**
 * Runs the private-eks CLI in-process (its `run`, which `bin/private-eks.js` calls), in `cwd`,
 * capturing what it prints: the same messages and exit code as the process, in milliseconds.
 * `input` is what standard input holds: "-" reads it through the same reader (size and UTF-8
 * checks, named <stdin>). Exit codes as a process, stack traces and real pipes are tested with
 * `privateEks` (support/run.ts) in a few tests.
 */
export async function cli(args: string[], opts: { cwd?: string; input?: string } = {}): Promise<Ran & { code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let stdin: string | undefined;
  const io: Io = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    read: (file, options) => {
      if (file !== "-" || opts.input === undefined) return processIo.read(file, options);
      stdin ??= join(mkdtempSync(join(tmpdir(), "private-eks-stdin-")), "stdin");
      writeFileSync(stdin, opts.input);
      return readInputFile(stdin, { acceptsStdin: true, ...options, name: options?.name ?? "<stdin>" });
    },
  };
  const before = process.cwd();
  process.chdir(opts.cwd ?? ROOT);
  try {
    const code = await run(args, io);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.chdir(before);
    if (stdin) rmSync(join(stdin, ".."), { recursive: true, force: true });
  }
}
