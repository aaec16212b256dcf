import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./environment";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a project script (compiled app or CLI) as users do, in its own process. */
export function runNode(
  script: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): Ran {
  const r = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...opts.env },
    input: opts.input,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runNode without blocking the worker, for tests that run many processes concurrently. */
export function runNodeAsync(script: string, args: string[], opts: { env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", ...opts.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export const privateEks = (args: string[], opts?: Parameters<typeof runNode>[2]) => runNode("bin/private-eks.js", args, opts);

/** A fingerprint of every file under a directory (paths and contents), to prove nothing changed. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[path.slice(dir.length)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** Whether output contains a JavaScript stack trace. */
export const hasStackTrace = (text: string) => /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text);
