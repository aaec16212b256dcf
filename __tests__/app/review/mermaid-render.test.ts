import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "../../support/environment";

/** The Debian package's browser; never a downloaded one. */
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

const suite = CHROMIUM ? describe : process.env.CI === "true" ? describe : describe.skip;
if (!CHROMIUM && process.env.CI !== "true")
  process.stderr.write('SKIPPED "the access picture renders in Chromium": chromium is not installed (apt-get install -y chromium)\n');

suite("the access picture renders in Chromium", () => {
  test("the review's diagram renders to an SVG with the expected nodes", async () => {
    if (!CHROMIUM) throw new Error("CI=true and chromium is not installed (apt-get install -y chromium)");
    // GIVEN the review's diagram of the default environment (the README excerpt, which a test keeps equal to the real review)
    const diagram = /<!-- review-excerpt:start -->[\s\S]*?```mermaid\n([\s\S]*?)\n```/.exec(
      readFileSync(join(ROOT, "README.md"), "utf8"),
    )![1];
    // WHEN Mermaid (its browser bundle from node_modules, no network) renders it in headless Chromium
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ path: join(require.resolve("mermaid/package.json"), "..", "dist", "mermaid.min.js") });
      const labels: string[] = await page.evaluate(async (text) => {
        // Runs in the page (this project's TypeScript has no DOM types).
        const page = globalThis as any;
        page.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
        const { svg } = await page.mermaid.render("access", text);
        page.document.body.innerHTML = svg;
        return [...page.document.querySelectorAll("svg g.node")].map((n: any) => String(n.textContent ?? "").trim());
      }, diagram);
      // THEN the SVG has one node per diagram node, with the expected labels
      expect(labels).toHaveLength(14);
      expect(labels).toEqual(
        expect.arrayContaining([
          "operator",
          "Session Manager",
          "bastion",
          "cluster security group 443",
          "Kubernetes API (private endpoint)",
          "AmazonEKSViewPolicy",
          "app/s3-reader",
        ]),
      );
    } finally {
      await browser.close();
    }
  });
});
