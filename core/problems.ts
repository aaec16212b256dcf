/**
 * A problem found while validating input: where it is (a key path relative to the thing validated)
 * and what to do about it. Validators return problems instead of throwing, so that the config
 * loader can report every problem of every file at once (prefixed with file and key path) and the
 * constructs can throw on the first one (prefixed with their construct path).
 */
export interface Problem {
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong and how to fix it, e.g. `"10.0.0.0/33" is not an IPv4 CIDR (example: 10.0.0.0/16)`. */
  readonly message: string;
}

/** `["nodeGroups", 0, "minSize"]` → `nodeGroups[0].minSize`. */
export function formatPath(path: ReadonlyArray<string | number | symbol>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(top level)" : out;
}

/**
 * A mistake in what a user passed (config, construct props, a file to import): reported without a
 * stack trace. Anything else that is thrown is a bug and keeps its stack.
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValidationError";
  }
}

/** Throws every problem at once, located at a construct path (library use). */
export function throwIfAny(where: string, problems: Problem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `${where}: ${p.path.length ? formatPath(p.path) + ": " : ""}${p.message}`);
  throw new ValidationError(lines.join("\n"));
}

/** Renders a user-supplied value for an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}
