import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** Parses diagrams with Mermaid's own parser (one node process for all of them). */
export function mermaidParse(diagrams: string[]): Array<{ ok: true; type: string } | { ok: false; error: string }> {
  const out = execFileSync(process.execPath, [join(__dirname, "mermaid-parse.mjs")], { input: JSON.stringify(diagrams), encoding: "utf8" });
  return JSON.parse(out);
}
