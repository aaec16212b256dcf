import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ValidationError } from "../core/problems";
import * as importAwsAuth from "./commands/import-aws-auth";
import * as importKube2iam from "./commands/import-kube2iam";
import * as environmentsCommand from "./commands/environments";
import * as reviewCommand from "./commands/review";
import * as validateConfigCommand from "./commands/validate-config";
import { Io, UsageError, processIo } from "./io";

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  "validate-config": { run: validateConfigCommand.validateConfig, usage: validateConfigCommand.usage },
  "import-aws-auth": { run: importAwsAuth.importAwsAuthCommand, usage: importAwsAuth.usage },
  "import-kube2iam": { run: importKube2iam.importKube2iamCommand, usage: importKube2iam.usage },
  review: { run: reviewCommand.reviewCommand, usage: reviewCommand.usage },
  environments: { run: environmentsCommand.environmentsCommand, usage: environmentsCommand.usage },
};

function help(): string {
  return `usage:\n  private-eks --version (-v)   print the package version\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join("\n")}\n`;
}

/** The version in this package's package.json, found from here in the sources (cli/) and in dist/cli/. */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "cdktf-private-eks" && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look further up
    }
    if (dirname(dir) === dir) return "unknown";
  }
}

/** Runs a subcommand and returns its exit code: 0 ok, 1 bad input, 2 a finding the caller asked to fail on. */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name ? 0 : 1;
  }
  if (name === "--version" || name === "-v") {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`private-eks: unknown command ${JSON.stringify(name)}\n${help()}`);
    return 1;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    io.err(`private-eks ${name}: ${e.message}\n${e instanceof UsageError ? `usage: ${command.usage}\n` : ""}`);
    return 1;
  }
}

export function main(argv: readonly string[]): void {
  run(argv).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`private-eks: internal error (please report): ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
