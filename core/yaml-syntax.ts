import { Alias, Document, LineCounter, YAMLError, parseAllDocuments, parseDocument, visit } from "yaml";

/** A YAML syntax mistake in words a user can act on; `message` carries its own fix. */
export interface YamlSyntaxProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface YamlSyntaxOptions {
  /** The fix for mistakes the parser words itself. @default "fix the YAML syntax there" */
  readonly fix?: string;
  /** The fix when a second document (---) follows and only one is allowed. */
  readonly oneDocument?: string;
}

/** One YAML document read: its value (`empty` when the document holds nothing), or the problems that stop reading it. */
export type YamlDocument = { readonly value: unknown; readonly empty: boolean } | { readonly problems: YamlSyntaxProblem[] };

/**
 * Reads `text` as one YAML document: every user-facing YAML reader (environment files, importers)
 * goes through here or `readYamlDocuments`, so a slip gets the same words wherever it is made.
 * Duplicate keys are mistakes.
 */
export function readYamlDocument(text: string, options: YamlSyntaxOptions = {}): YamlDocument {
  return read(parseDocument(text, { uniqueKeys: true, prettyErrors: true }), text, options);
}

/** Reads every document of `text` (separated by `---`); an empty text has none. */
export function readYamlDocuments(text: string, options: YamlSyntaxOptions = {}): YamlDocument[] {
  return Array.from(parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true }), (doc) => read(doc, text, options));
}

function read(doc: Document, text: string, options: YamlSyntaxOptions): YamlDocument {
  if (doc.errors.length) return { problems: yamlSyntaxProblems(doc.errors, text, options) };
  const value = documentValue(doc, text);
  return "problem" in value ? { problems: [value.problem] } : { value: value.value, empty: !doc.contents };
}

/**
 * The parser's errors of one document, one problem per mistake: the wordings users meet most are
 * translated (an unquoted `*`, a key indented deeper than the one above it, a second document), the
 * rest keep the parser's words with `fix` appended. `text` is the whole source the positions refer to.
 */
function yamlSyntaxProblems(errors: readonly YAMLError[], text: string, options: YamlSyntaxOptions = {}): YamlSyntaxProblem[] {
  const fix = options.fix ?? "fix the YAML syntax there";
  const lines = text.split(/\r?\n/);
  const out: YamlSyntaxProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const at = e.linePos?.[0];
    const problem = translate(e, at, lines, options) ?? {
      line: at?.line,
      column: at?.col,
      message: `${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}; ${fix}`,
    };
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (!seen.has(key)) out.push(problem);
    seen.add(key);
  }
  return out;
}

function translate(
  e: YAMLError,
  at: { line: number; col: number } | undefined,
  lines: readonly string[],
  options: YamlSyntaxOptions,
): YamlSyntaxProblem | undefined {
  switch (e.code) {
    case "BAD_ALIAS":
      if (!/empty string/.test(e.message)) return undefined;
      return { line: at?.line, column: at?.col, message: `an unquoted * starts a YAML alias; quote it: "*"` };
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return at ? overIndented(at.line, lines) : undefined;
    case "MULTIPLE_DOCS":
      return {
        line: at?.line,
        column: at?.col,
        message: `a second YAML document starts here (---); ${options.oneDocument ?? "only one is allowed: remove the --- and what follows, or move it to its own file"}`,
      };
    default:
      return undefined;
  }
}

/**
 * The parser reports a key indented deeper than the key above it twice, at the key above ("Nested
 * mappings are not allowed in compact mappings", "Implicit keys need to be on a single line"):
 * one problem instead, at the line that is indented too far.
 */
function overIndented(line: number, lines: readonly string[]): YamlSyntaxProblem | undefined {
  const above = lines[line - 1];
  if (above === undefined) return undefined;
  const indent = (s: string) => s.length - s.trimStart().length;
  const keyAbove = /^\s*(?:- +)?([^\s#:][^#:]*?)\s*:/.exec(above)?.[1];
  for (let n = line; n < lines.length; n++) {
    const next = lines[n];
    if (!next.trim() || next.trimStart().startsWith("#")) continue;
    const key = /^\s*([^\s#:][^#:]*?)\s*:(\s|$)/.exec(next)?.[1];
    if (!key || indent(next) <= indent(above)) return undefined;
    const where = keyAbove ? `"${keyAbove}" on line ${line}` : `the line above (line ${line})`;
    return {
      line: n + 1,
      column: indent(next) + 1,
      message: `"${key}" is indented deeper than ${where}, so YAML reads it as part of that value; indent "${key}" like ${keyAbove ? `"${keyAbove}"` : "the keys beside it"}`,
    };
  }
  return undefined;
}

/**
 * `doc.toJS()`, or the problem that stops it: an alias (`*name`) whose anchor (`&name`) is not
 * defined — usually a value starting with `*` that needs quotes — or too many aliases.
 */
function documentValue(doc: Document, text: string): { value: unknown } | { problem: YamlSyntaxProblem } {
  const unresolved: Alias[] = [];
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined) unresolved.push(node);
    },
  });
  if (unresolved.length) {
    const alias = unresolved[0];
    const counter = new LineCounter();
    let offset = 0;
    for (const l of text.split("\n")) {
      counter.addNewLine(offset);
      offset += l.length + 1;
    }
    const pos = alias.range ? counter.linePos(alias.range[0]) : undefined;
    const written = `*${alias.source}`;
    return {
      problem: {
        line: pos?.line,
        column: pos?.col,
        message: `${written} starts a YAML alias, and no anchor &${alias.source} is defined before it; quote it: "${written}"`,
      },
    };
  }
  try {
    return { value: doc.toJS() };
  } catch (e) {
    return { problem: { message: `${e instanceof Error ? e.message.split("\n")[0] : String(e)}; simplify the YAML (fewer aliases)` } };
  }
}

/** `line L, column C` (or `line L` without the column; `line L of <within>` inside another file), or nothing without a position. */
export function lineOf(
  problem: YamlSyntaxProblem,
  options: { readonly column?: boolean; readonly within?: string } = {},
): string | undefined {
  if (problem.line === undefined) return undefined;
  const column = (options.column ?? true) && problem.column !== undefined ? `, column ${problem.column}` : "";
  return `line ${problem.line}${column}${options.within ? ` of ${options.within}` : ""}`;
}

/** `lineOf(problem)` followed by `: `, or nothing without a position: a prefix for the message. */
export function at(problem: YamlSyntaxProblem, options: { readonly column?: boolean; readonly within?: string } = {}): string {
  const line = lineOf(problem, options);
  return line === undefined ? "" : `${line}: `;
}
