import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TfJson } from "./environment";
import { pluginMirror } from "./tools";

const run = promisify(execFile);

/** A throwaway Terraform working directory with its own CLI config (filesystem mirror, no phoning home). */
export class TerraformDir {
  readonly dir = mkdtempSync(join(tmpdir(), "private-eks-tf-"));
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    const mirror = pluginMirror();
    const cliConfig = join(this.dir, ".terraformrc");
    writeFileSync(
      cliConfig,
      mirror
        ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`
        : "# no filesystem mirror found: providers come from the registry\n",
    );
    this.env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  }

  /** Writes a JSON file (pretty, so Terraform's error snippets are readable). */
  write(relative: string, content: object): void {
    const file = join(this.dir, relative);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, JSON.stringify(content, null, 2));
  }

  /** Runs terraform; resolves with its output whatever the exit code. */
  async result(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run("terraform", [...args, "-no-color"], {
        cwd: this.dir,
        env: this.env,
        maxBuffer: 256 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
      return { code: typeof err.code === "number" ? err.code : 1, stdout: err.stdout ?? "", stderr: err.stderr || err.message };
    }
  }

  /** Runs terraform; rejects with its output when it fails. */
  async terraform(...args: string[]): Promise<string> {
    const r = await this.result(...args);
    if (r.code !== 0) throw new Error(`terraform ${args.join(" ")} failed (exit ${r.code}) in ${this.dir}:\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A stack's JSON without its backend, so it runs in a scratch directory. */
export function withoutBackend(stack: TfJson): TfJson {
  const copy = JSON.parse(JSON.stringify(stack));
  if (copy.terraform) delete copy.terraform.backend;
  if (copy.terraform) delete copy.terraform.cloud;
  return copy;
}

/**
 * `terraform init` + `terraform validate` over several stacks at once: each becomes a child module
 * of one root, so the provider is installed and its schema loaded once for all of them. Errors
 * name the module (the key in `stacks`). Import blocks, which Terraform allows only in the root
 * module, are hoisted into the root (aimed at `module.<key>.<address>`). Returns the validate JSON result.
 */
export async function validateStacks(stacks: Record<string, TfJson>): Promise<{ valid: boolean; diagnostics: any[] }> {
  const tf = new TerraformDir();
  try {
    const modules: Record<string, { source: string }> = {};
    const imports: object[] = [];
    for (const [name, stack] of Object.entries(stacks)) {
      const child = withoutBackend(stack);
      // Import blocks are only allowed in the root module: hoist them there, aimed at the child's
      // resource, with the child's for_each expression passed out as an output (validated in place).
      (child.import ?? []).forEach((block: { for_each?: string; to: string; id: string }, i: number) => {
        const forEach = `import-${i}-for-each`;
        if (block.for_each !== undefined) child.output = { ...child.output, [forEach]: { value: block.for_each } };
        imports.push({
          ...(block.for_each !== undefined ? { for_each: `\${module.${name}.${forEach}}` } : {}),
          to: `module.${name}.${block.to}`,
          id: block.id,
        });
      });
      delete child.import;
      tf.write(join(name, "cdk.tf.json"), child);
      modules[name] = { source: `./${name}` };
    }
    tf.write("main.tf.json", { module: modules, ...(imports.length ? { import: imports } : {}) });
    await tf.terraform("init", "-backend=false", "-input=false");
    const validate = await tf.result("validate", "-json");
    return JSON.parse(validate.stdout);
  } finally {
    tf.remove();
  }
}

/** Renders validate diagnostics for a failing assertion's message. */
export function describeDiagnostics(result: { diagnostics: any[] }): string {
  return result.diagnostics
    .map(
      (d) =>
        `${d.severity}: ${d.summary}${d.detail ? ` — ${d.detail}` : ""}${d.range ? ` (${d.range.filename}:${d.range.start.line})` : ""}`,
    )
    .join("\n");
}
