import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readlinkSync } from "node:fs";
import { ValidationError } from "./problems";

/** Kubernetes caps a ConfigMap at 1 MiB, and an environment file is a few KiB: more is the wrong file. */
export const ONE_MIB = 1024 * 1024;

/** A file (or standard input) that cannot be used as input: one line, `<file>: <what and the fix>`. */
export class InputFileError extends ValidationError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "InputFileError";
  }
}

export interface ReadInputOptions {
  /** Larger input is refused before it is parsed. @default ONE_MIB */
  readonly maxBytes?: number;
  /** What the file should be, for messages, e.g. "an environment file". @default "the input" */
  readonly what?: string;
  /** How users shrink or split a legitimately large input. @default "check that this is the right file" */
  readonly tooLargeFix?: string;
  /** Name used in messages; defaults to `path` ("<stdin>" for "-"). */
  readonly name?: string;
  /** What to name instead of a directory or a pipe. @default "file" */
  readonly expected?: string;
  /** Whether the command reads standard input for "-" (then a pipe's fix mentions it). @default false */
  readonly acceptsStdin?: boolean;
}

/**
 * Reads a user's file as UTF-8 text, or standard input for "-". Whatever is not a readable regular
 * file of sane size in UTF-8 is an InputFileError naming the file and the fix — a named pipe or a
 * device is never opened for a blocking read, an oversized file is never parsed or echoed, and
 * bytes that are not UTF-8 are never replaced silently.
 */
export function readInputFile(path: string, options: ReadInputOptions = {}): string {
  const name = options.name ?? (path === "-" ? "<stdin>" : path);
  const maxBytes = options.maxBytes ?? ONE_MIB;
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  let fd: number;
  let owned = true;
  if (path === "-") {
    fd = 0;
    owned = false;
  } else {
    try {
      // O_NONBLOCK: opening a FIFO for reading does not wait for a writer; checked to be a regular file below.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      return fail(openProblem(path, (e as NodeJS.ErrnoException).code));
    }
  }
  try {
    if (owned) {
      const stat = fstatSync(fd);
      const expected = options.expected ?? "file";
      if (stat.isDirectory()) fail(`is a directory, not a file; name a ${expected} inside it`);
      if (!stat.isFile())
        fail(
          `is ${kindOf(stat)}, not a regular file; save the content to a ${expected} and name that${options.acceptsStdin ? ", or pipe it to standard input with -" : ""}`,
        );
      if (stat.size > maxBytes) fail(tooLarge(stat.size, maxBytes, options));
    }
    const bytes = readAtMost(fd, maxBytes + 1, name);
    if (bytes.length > maxBytes) fail(tooLarge(bytes.length, maxBytes, options, true));
    return decodeUtf8(bytes, fail);
  } finally {
    if (owned) closeSync(fd);
  }
}

function openProblem(path: string, code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return danglingLink(path) ?? "does not exist; check the path";
    case "ELOOP":
      return "is a symbolic link loop (it leads back to itself); point the link at a real file, or name the file itself";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied; check its permissions (ls -l)";
    case "ENOTDIR":
      return "does not exist: a part of the path is a file, not a directory; check the path";
    case "EISDIR":
      return "is a directory, not a file; name a file inside it";
    case "ENXIO":
      return "is a socket or a device without a reader, not a regular file; save the content to a file and name that";
    default:
      return `cannot be read (${code ?? "unknown error"}); check the path and its permissions`;
  }
}

/** For a symbolic link whose target is missing, says where it points. */
function danglingLink(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    return `is a symbolic link to ${readlinkSync(path)}, which does not exist; fix the link or name the file itself`;
  } catch {
    return undefined;
  }
}

function kindOf(stat: import("node:fs").Stats): string {
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

function tooLarge(size: number, maxBytes: number, options: ReadInputOptions, atLeast = false): string {
  const mib = (n: number) => `${(n / ONE_MIB).toFixed(1).replace(/\.0$/, "")} MiB`;
  return `is ${atLeast ? `more than ${mib(maxBytes)}` : mib(size)}; ${options.what ?? "the input"} is at most ${mib(maxBytes)} — ${options.tooLargeFix ?? "check that this is the right file"}`;
}

/** Reads up to `limit` bytes; standard input may be non-blocking, so EAGAIN waits and retries. */
function readAtMost(fd: number, limit: number, name: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const wait = new Int32Array(new SharedArrayBuffer(4));
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(wait, 0, 0, 10);
        continue;
      }
      if (code === "EISDIR") throw new InputFileError(name, "is a directory, not a file; name a file inside it");
      throw new InputFileError(name, `cannot be read (${code ?? String(e)}); check the path and its permissions`);
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Decodes strict UTF-8, line by line so that the first bad line can be named (a newline byte never
 * occurs inside a UTF-8 sequence). A UTF-16 file (Windows "Unicode") is named as such.
 */
function decodeUtf8(bytes: Buffer, fail: (problem: string) => never): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail("is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
      try {
        decoder.decode(slice);
      } catch {
        return fail(
          `line ${line}: holds bytes that are not UTF-8 text; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or fix that line`,
        );
      }
      if (end === -1) return fail("holds bytes that are not UTF-8 text; save the file as UTF-8");
      start = end + 1;
    }
  }
}
