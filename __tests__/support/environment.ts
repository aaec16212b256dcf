import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { parse } from "yaml";
import { ConfigError, parseEnvironment } from "../../environment/load";
import { EnvironmentConfig } from "../../environment/schema/environment";
import { addEnvironment } from "../../stacks/environment";

export const ROOT = join(__dirname, "..", "..");

/** config/dev.yaml as plain data, to derive variants from. */
export function devInput(): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, "config", "dev.yaml"), "utf8"));
}

type Overrides = Record<string, unknown>;

/** Deep-merges overrides into a copy of `base` (objects merge, anything else replaces). */
export function merge(base: Record<string, unknown>, overrides: Overrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && current && typeof current === "object" && !Array.isArray(current)
        ? merge(current as Record<string, unknown>, value as Overrides)
        : value;
  }
  return out;
}

/** Validates data through the real loader; throws its ConfigError on problems. */
export function configFrom(data: Record<string, unknown>, file = "test.yaml"): EnvironmentConfig {
  const { config, lines } = parseEnvironment(JSON.stringify(data), file);
  if (!config) throw new ConfigError(lines);
  return config;
}

/** The dev environment with overrides, validated. */
export function devConfig(overrides: Overrides = {}): EnvironmentConfig {
  return configFrom(merge(devInput(), overrides));
}

/** A synthesized Terraform JSON document. */
export type TfJson = {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  [k: string]: any;
};

/**
 * Synthesizes an environment exactly as the app does (cross-stack references become remote state
 * only in a full app synth); returns each stack's Terraform JSON by stack id.
 */
export function synthEnvironment(config: EnvironmentConfig): Record<string, TfJson> {
  // A synth is a pure function of the config (determinism.test.ts): one synth per config and test
  // file, handed out as a fresh copy each time, so a test may change what it gets.
  const key = JSON.stringify(config);
  let synthesized = synthesizedByConfig.get(key);
  if (synthesized === undefined) {
    synthesized = JSON.stringify(synthesizeOnce(config));
    synthesizedByConfig.set(key, synthesized);
  }
  return JSON.parse(synthesized);
}

const synthesizedByConfig = new Map<string, string>();

function synthesizeOnce(config: EnvironmentConfig): Record<string, TfJson> {
  const outdir = mkdtempSync(join(tmpdir(), "private-eks-synth-"));
  try {
    const app = new App({ outdir });
    const stacks = addEnvironment(app, config);
    app.synth();
    const out: Record<string, TfJson> = {};
    for (const stack of Object.values(stacks)) {
      if (stack) out[stack.node.id] = JSON.parse(readFileSync(join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
    }
    return out;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The cluster stack of the dev environment with overrides. */
export function clusterJson(overrides: Overrides = {}): TfJson {
  const config = devConfig(overrides);
  return synthEnvironment(config)[`${config.name}-cluster`];
}

/**
 * `items`, after asserting there is at least one: a loop `for (const x of nonEmpty(...)) expect(...)`
 * cannot pass because there was nothing to check.
 */
export function nonEmpty<T>(items: readonly T[]): readonly T[] {
  expect(items.length).toBeGreaterThan(0);
  return items;
}

/** All resources of one type, by Terraform name. */
export function resources(tf: TfJson, type: string): Record<string, any> {
  return tf.resource?.[type] ?? {};
}

/** The only resource of a type (fails the test when there is not exactly one). */
export function only(tf: TfJson, type: string): any {
  const all = Object.values(resources(tf, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}
