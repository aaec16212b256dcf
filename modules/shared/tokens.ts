import { Token } from "cdktf";
import { Problem } from "../../core/problems";

/**
 * Whether `value` is a token: a value known only at apply (a Terraform variable, another
 * resource's attribute, a function of one), which renders as `${TfToken[...]}` at synth.
 */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/**
 * The rules' problems with construct props whose values may be tokens: a problem about a token (at
 * its path, or inside it, like an item of a list token), or whose message quotes one (a comparison
 * with it), is dropped. The rules cannot judge a value that is not known at synth, and the message
 * would print `${TfToken[...]}`. A value that must be known at synth (one that names Terraform
 * resources) is the construct's to require, with `tokenProblem`.
 */
export function knownValueProblems(props: object, problems: readonly Problem[]): Problem[] {
  const fragments = tokenFragments(props, 0);
  const quotesToken = (message: string) => Token.isUnresolved(message) || fragments.some((f) => message.includes(f));
  return problems.filter((p) => !isTokenAt(props, p.path) && !quotesToken(p.message));
}

/** A value that names Terraform resources (or decides what is synthesized) is a token: write the value itself. */
export function tokenProblem(path: ReadonlyArray<string | number>, why: string, example: string): Problem {
  return { path, message: `is a token (known only at apply); write the value itself, which ${why} (example: ${example})` };
}

function isTokenAt(props: object, path: ReadonlyArray<string | number>): boolean {
  let value: unknown = props;
  for (const part of path) {
    if (Token.isUnresolved(value)) return true;
    value = value === undefined || value === null ? undefined : (value as Record<string | number, unknown>)[part];
  }
  return Token.isUnresolved(value);
}

/** How the tokens in `value` print when a message quotes them without the `${TfToken[...]}` marker: numbers and list items. */
function tokenFragments(value: unknown, depth: number): string[] {
  if (typeof value === "number") return Token.isUnresolved(value) ? [String(value)] : [];
  if (depth > 8 || typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) {
    return Token.isUnresolved(value) ? value.map(String) : value.flatMap((v) => tokenFragments(v, depth + 1));
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return [];
  return Object.values(value).flatMap((v) => tokenFragments(v, depth + 1));
}
