import { z } from "zod";
import { closest } from "../core/closest";
import { Problem, show } from "../core/problems";

/** Returned by the per-parse error map: "no custom message; describe this issue from its data". */
export const GENERIC = "\u0000generic";

/**
 * Turns zod issues into problems whose messages say what is wrong and how to fix it. Messages set
 * by the schema itself (refinements, per-field errors) are kept as they are.
 */
export function describeIssues(root: z.ZodType, issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      const allowed = keysAt(root, path);
      for (const key of issue.keys) {
        problems.push({ path: [...path, key], message: unknownKey(key, allowed) });
      }
    } else if (issue.message !== GENERIC) {
      problems.push({ path, message: issue.message });
    } else {
      problems.push({ path, message: generic(issue, exampleAt(root, path)) });
    }
  }
  return problems;
}

function generic(issue: z.core.$ZodIssue, example: string | undefined): string {
  const input = (issue as { input?: unknown }).input;
  const eg = example ? ` (example: ${example})` : "";
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `is required; add it${eg}`;
      if (issue.expected === "boolean") return `expected true or false, got ${show(input)}`;
      if (issue.expected === "array") return `expected a list (one "- " item per line, or [a, b]), got ${show(input)}${eg}`;
      return `expected ${article(issue.expected)}, got ${show(input)}${eg}`;
    case "invalid_value":
      return `${show(input)} is not allowed; use one of ${issue.values.map((v) => String(v)).join(", ")} (case-sensitive)`;
    case "too_small":
      return issue.origin === "array"
        ? `needs at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`
        : issue.origin === "string"
          ? `must not be empty${eg}`
          : `${show(input)} is too small; use ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array"
        ? `has more than ${issue.maximum} items`
        : issue.origin === "string"
          ? `is longer than ${issue.maximum} characters`
          : `${show(input)} is too big; use ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_format":
      return `${show(input)} has the wrong format${eg}`;
    default:
      return `${show(input)} is not valid here${eg}`;
  }
}

function article(expected: string): string {
  switch (expected) {
    case "object":
    case "record":
      return "a mapping";
    case "array":
      return "a list";
    case "int":
      return "a whole number";
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

function unknownKey(key: string, allowed: string[]): string {
  const guess = closest(key, allowed);
  const hint = guess ? `did you mean ${JSON.stringify(guess)}? ` : "";
  return `unknown key; ${hint}allowed keys here: ${allowed.join(", ") || "none"}`;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The chain of schemas (wrappers included) that validate the value at `path`. */
function schemasAt(root: z.ZodType, path: ReadonlyArray<string | number>): z.ZodType[] {
  let chain = unwrap(root);
  for (const part of path) {
    const container = chain[chain.length - 1];
    const def = defOf(container);
    const next =
      def.type === "object"
        ? def.shape?.[String(part)]
        : def.type === "array"
          ? def.element
          : def.type === "record"
            ? def.valueType
            : undefined;
    if (!next) return [];
    chain = unwrap(next);
  }
  return chain;
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  const chain = [schema];
  for (;;) {
    const def = defOf(chain[chain.length - 1]);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) return chain;
    chain.push(inner);
  }
}

function keysAt(root: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  const chain = schemasAt(root, path);
  const shape = chain.length ? defOf(chain[chain.length - 1]).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

function exampleAt(root: z.ZodType, path: ReadonlyArray<string | number>): string | undefined {
  for (const schema of schemasAt(root, path)) {
    const examples = z.globalRegistry.get(schema)?.examples as unknown[] | undefined;
    if (examples?.length) return typeof examples[0] === "string" ? examples[0] : JSON.stringify(examples[0]);
  }
  return undefined;
}

/**
 * Problems sorted as a reader meets them: by top-level key in the schema's order (unknown keys
 * last), then by list index; otherwise in the order given.
 */
export function inDocumentOrder(root: z.ZodType, problems: readonly Problem[]): Problem[] {
  const keys = keysAt(root, []);
  const rank = (p: Problem): [number, number] => {
    const top = p.path.length ? keys.indexOf(String(p.path[0])) : -1;
    return [p.path.length && top === -1 ? keys.length : top, typeof p.path[1] === "number" ? p.path[1] : -1];
  };
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((x) => x.p);
}
