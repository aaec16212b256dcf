import { readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { InputFileError, readInputFile } from "../core/input-file";
import { Problem, ValidationError, formatPath } from "../core/problems";
import { lineOf, readYamlDocument } from "../core/yaml-syntax";
import { crossFieldProblems } from "./cross-field";
import { LoadOptions, acrossEnvironmentProblems } from "./across-environments";
import { GENERIC, describeIssues, inDocumentOrder } from "./describe-issue";
import { environmentNotes } from "./notes";
import { remoteStateProblems } from "./schema/backend";
import { ENVIRONMENT_NAME, EnvironmentConfig, environmentSchema } from "./schema/environment";

/** An environment file that validated, with every default applied. */
export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
  /** Not mistakes, but worth a look: `<file>: <key path>: <note>`. */
  readonly notes: string[];
}

/** Problems of one or more environment files, each line `<file>: <key path>: <what and the fix>`. */
export class ConfigError extends ValidationError {
  constructor(
    readonly lines: string[],
    /** The environments that loaded, whose files may still be named by `lines` (e.g. a name used twice). */
    readonly loaded: readonly LoadedEnvironment[] = [],
  ) {
    super(lines.join("\n"));
    this.name = "ConfigError";
  }
}

/** `file` as users typed it, relative to the working directory when inside it; "-" is standard input. */
export function displayName(file: string): string {
  if (file === "-") return "<stdin>";
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel || ".";
}

/** What parsing one environment found: the config when valid, else every problem; `name` as written. */
export interface ParsedEnvironment {
  readonly config?: EnvironmentConfig;
  readonly lines: string[];
  /** The `name` key as written (any type), even when other keys are wrong. */
  readonly name?: unknown;
}

/** Validates YAML text. `file` is only used in messages. */
export function parseEnvironment(text: string, file: string): ParsedEnvironment {
  const read = readYamlDocument(text, {
    oneDocument: "an environment file holds one environment: move the second one to its own config/<name>.yaml",
  });
  if ("problems" in read) return { lines: read.problems.map((p) => `${file}: ${lineOf(p) ?? "(syntax)"}: ${p.message}`) };
  const data = read.value;
  if (data === null || data === undefined) {
    return { lines: [`${file}: (top level): the file is empty; it needs at least name and region (start from config/dev.yaml)`] };
  }
  const name = typeof data === "object" && !Array.isArray(data) ? (data as { name?: unknown }).name : undefined;
  const result = environmentSchema.safeParse(data, { reportInput: true, error: () => GENERIC });
  if (result.success) return { config: result.data, lines: [], name };
  // zod skips a refinement when anything inside its value failed: the rules that compare keys are
  // run again on the well-formed parts, so one wrong type does not hide them.
  const problems = describeIssues(environmentSchema, result.error.issues);
  const shown = new Set(problems.map((p) => `${formatPath(p.path)}\u0000${p.message}`));
  const more = crossFieldProblems(data).filter((p) => !shown.has(`${formatPath(p.path)}\u0000${p.message}`));
  return { lines: toLines(file, inDocumentOrder(environmentSchema, [...problems, ...more])), name };
}

/**
 * The file name is the environment: `config/<name>.yaml`. The deploy workflow and reviewers find an
 * environment's file by its name, so a file whose `name` differs would validate here and then be
 * missed there. Invalid names are left to the schema's own message.
 */
export function fileNameProblem(file: string, name: unknown): string | undefined {
  if (typeof name !== "string" || !ENVIRONMENT_NAME.test(name)) return undefined;
  const base = basename(file);
  const stem = base.replace(/\.ya?ml$/, "");
  if (stem === name) return undefined;
  const renamed = ENVIRONMENT_NAME.test(stem) ? ` or set name: ${stem}` : "";
  return `name: ${JSON.stringify(name)} does not match the file name ${base}; the file name is the environment (config/<name>.yaml): rename the file to ${name}${base.slice(stem.length) || ".yaml"}${renamed}`;
}

function toLines(file: string, problems: Problem[]): string[] {
  return problems.map((p) => `${file}: ${formatPath(p.path)}: ${p.message}`);
}

/** Reads and validates one file ("-" is standard input); unreadable files are problems too, never exceptions. */
export function loadEnvironmentFile(file: string): ParsedEnvironment {
  const name = displayName(file);
  let text: string;
  try {
    text = readInputFile(file, {
      name,
      what: "an environment file",
      expected: ".yaml file",
    });
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    return { lines: [`${name}: (file): ${e.problem}`] };
  }
  const parsed = parseEnvironment(text, name);
  const mismatch = file === "-" ? undefined : fileNameProblem(file, parsed.name);
  if (!mismatch) return parsed;
  return { name: parsed.name, lines: [`${name}: ${mismatch}`, ...parsed.lines] };
}

/**
 * Loads every file and reports all problems of all files together. Environment names must be
 * unique, since they name the stacks; state keys and tunnel ports too (see acrossEnvironmentProblems).
 */
export function loadEnvironments(files: readonly string[], options: LoadOptions = {}): LoadedEnvironment[] {
  const lines: string[] = [];
  const loaded: LoadedEnvironment[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    const result = loadEnvironmentFile(file);
    lines.push(...result.lines);
    if (!result.config) continue;
    const other = byName.get(result.config.name);
    if (other) {
      lines.push(
        `${displayName(file)}: name: ${JSON.stringify(result.config.name)} is already used by ${other}; every environment needs its own name`,
      );
      continue;
    }
    byName.set(result.config.name, displayName(file));
    if (options.requireRemoteState)
      lines.push(...toLines(displayName(file), remoteStateProblems(result.config.backend, result.config.name)));
    loaded.push({
      file: displayName(file),
      config: result.config,
      notes: environmentNotes(result.config).map((n) => `${displayName(file)}: ${n}`),
    });
  }
  lines.push(...acrossEnvironmentProblems(loaded));
  if (lines.length > 0) throw new ConfigError(lines, loaded);
  return loaded;
}

/** The `*.yaml` / `*.yml` files of a config directory, sorted; a missing or empty one is a problem. */
export function environmentFiles(dir: string): string[] {
  const name = displayName(dir);
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw new ConfigError([`${name}: (directory): is a file, not a directory; set PRIVATE_EKS_CONFIG to a single file instead`]);
    entries = readdirSync(dir);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError([
      `${name}: (directory): does not exist; create it with one <environment>.yaml per environment (see README "Adding an environment")`,
    ]);
  }
  const files = entries
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) {
    throw new ConfigError([
      `${name}: (directory): holds no .yaml files; add one <environment>.yaml per environment (see README "Adding an environment")`,
    ]);
  }
  return files;
}
