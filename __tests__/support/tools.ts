import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where a filesystem mirror of hashicorp/aws is looked for when TF_PLUGIN_DIR is not set. */
const MIRROR_CANDIDATES = [
  "/opt/tf-plugins",
  "/usr/local/share/terraform/plugins",
  "/usr/share/terraform/plugins",
  join(homedir(), ".terraform.d", "plugins"),
  join(homedir(), ".local", "share", "terraform", "plugins"),
];

const AWS_PROVIDER = join("registry.terraform.io", "hashicorp", "aws", "5.100.0");

/** The plugin mirror to use: TF_PLUGIN_DIR, else the first candidate holding hashicorp/aws 5.100.0. */
export function pluginMirror(): string | undefined {
  if (process.env.TF_PLUGIN_DIR) return process.env.TF_PLUGIN_DIR;
  return MIRROR_CANDIDATES.find((dir) => existsSync(join(dir, AWS_PROVIDER)));
}

function works(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore", timeout: 30_000, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    return true;
  } catch {
    return false;
  }
}

let terraformChecked: boolean | undefined;
let motoChecked: boolean | undefined;
export const hasTerraform = () => (terraformChecked ??= works("terraform", ["version"]));
export const hasMoto = () => (motoChecked ??= works("python3", ["-c", "import moto.server, flask"]));

/**
 * `describe` when the tool is there; otherwise a skipped block with a loud one-line reason — or,
 * with CI=true, a failing test, because CI must run the real checks.
 */
export function describeWith(tool: "terraform" | "moto", available: boolean, name: string, body: () => void): void {
  if (available) {
    describe(name, body);
    return;
  }
  const reason =
    tool === "terraform"
      ? "terraform is not on PATH (install Terraform >= 1.11)"
      : "python3 -m moto.server is not available (pip install 'moto[server]')";
  if (process.env.CI === "true") {
    describe(name, () =>
      test(`needs ${tool}`, () => {
        throw new Error(`CI=true and ${reason}`);
      }),
    );
  } else {
    process.stderr.write(`SKIPPED "${name}": ${reason}\n`);
    describe.skip(name, body);
  }
}
