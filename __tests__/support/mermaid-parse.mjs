// Parses Mermaid diagrams with Mermaid's own parser (the `mermaid` package), in node: mermaid is ESM
// and sanitizes labels with DOMPurify, which needs a window, so linkedom provides one.
// Input (stdin): a JSON array of diagram texts. Output (stdout): a JSON array of
// { ok: true, type } or { ok: false, error } in the same order.
import { parseHTML } from "linkedom";

const { window } = parseHTML("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const r = await mermaid.parse(text);
    results.push({ ok: true, type: r.diagramType });
  } catch (e) {
    results.push({
      ok: false,
      error: String(e.message ?? e)
        .split("\n")
        .slice(0, 3)
        .join("\n"),
    });
  }
}
process.stdout.write(JSON.stringify(results));
