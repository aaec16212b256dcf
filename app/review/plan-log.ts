import { readFileSync } from "node:fs";
import { ValidationError } from "../../core/problems";

/** A resource `terraform plan` refused to destroy: it has `lifecycle.prevent_destroy` (cluster.protect). */
export interface ProtectedFinding {
  readonly address: string;
  /** The change that forces the replacement, from the static diff (--base), when it names the resource. */
  readonly forcedBy?: string;
}

/** Terraform's console output always has one of these: a plan summary, "No changes.", or an error box. */
const FROM_TERRAFORM = /^(?:[│╷╵ ]*Error: |Plan: \d+ to add|No changes\.|Terraform will perform|Terraform used the selected providers)/m;
const ANSI = /\u001b\[[0-9;]*m/g;
const PREVENT_DESTROY = /Resource (\S+) has lifecycle\.prevent_destroy set/g;

/**
 * The console output of a `terraform plan` (`2>&1`), read for what a failed plan hides from the
 * JSON: the protected resources it refused to destroy ("Instance cannot be destroyed").
 */
export function readPlanLog(file: string): ProtectedFinding[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(ANSI, "");
  } catch (e) {
    throw new ValidationError(
      `${file}: cannot be read (${(e as NodeJS.ErrnoException).code}); pass the console output of terraform plan (terraform plan ... 2>&1 | tee plan.log)`,
    );
  }
  if (!FROM_TERRAFORM.test(text)) {
    throw new ValidationError(
      `${file}: is not terraform plan output (no "Error:", "Plan:" or "No changes." line); pass the console output of terraform plan (terraform plan ... 2>&1 | tee plan.log)`,
    );
  }
  const addresses = new Set<string>();
  for (const m of text.matchAll(PREVENT_DESTROY)) addresses.add(m[1]);
  return [...addresses].sort().map((address) => ({ address }));
}
