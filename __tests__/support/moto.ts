import { ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { EksProxy } from "./eks-proxy";
import { TfJson } from "./environment";
import { TerraformDir, withoutBackend } from "./terraform";

/** Services the stacks call, all pointed at moto. */
const ENDPOINT_SERVICES = ["ec2", "iam", "sts", "kms", "logs", "eks", "ssm", "autoscaling", "elb", "elbv2"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * moto's AWS emulator on 127.0.0.1 and a free port, with the EKS endpoint behind a small proxy that
 * answers DescribeAddonVersions (which moto lacks); `stop()` always ends both.
 */
export class Moto {
  private eksProxy?: EksProxy;

  private constructor(
    private readonly process: ChildProcess,
    readonly url: string,
  ) {}

  /** Where the provider's EKS calls go: the add-on versions proxy in front of moto. */
  get eksUrl(): string {
    return this.eksProxy?.url ?? this.url;
  }

  static async start(): Promise<Moto> {
    const port = await freePort();
    const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
      stdio: "ignore",
      detached: true,
      // AWS-managed policies (AmazonEKSClusterPolicy, ...) exist in moto only when asked for.
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
    });
    const moto = new Moto(child, `http://127.0.0.1:${port}`);
    const stopOnExit = () => moto.stop();
    process.once("exit", stopOnExit);
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const response = await fetch(`${moto.url}/moto-api/`);
        if (response.ok) {
          moto.eksProxy = await EksProxy.start(moto.url);
          return moto;
        }
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    moto.stop();
    throw new Error(`moto did not start on ${moto.url}`);
  }

  stop(): void {
    this.eksProxy?.close();
    if (this.process.exitCode === null && this.process.pid) {
      try {
        process.kill(-this.process.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }

  /**
   * A Terraform override file (`*_override.tf.json`) that points the AWS provider at this moto:
   * Terraform merges it over the synthesized stack, so the product code carries no emulator settings.
   */
  providerOverride(): object {
    return {
      provider: {
        aws: {
          access_key: "test",
          secret_key: "test",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          endpoints: [Object.fromEntries(ENDPOINT_SERVICES.map((s) => [s, s === "eks" ? this.eksUrl : this.url]))],
        },
      },
    };
  }
}

/** `terraform plan` of a stack against moto; returns `terraform show -json` of the saved plan. */
export async function planAgainst(moto: Moto, stack: TfJson, opts: { dir?: TerraformDir; keep?: boolean } = {}): Promise<any> {
  const tf = opts.dir ?? new TerraformDir();
  try {
    tf.write("cdk.tf.json", withoutBackend(stack));
    tf.write("moto_override.tf.json", moto.providerOverride());
    await tf.terraform("init", "-input=false");
    await tf.terraform("plan", "-input=false", "-lock=false", "-out=tfplan");
    return JSON.parse(await tf.terraform("show", "-json", "tfplan"));
  } finally {
    if (!opts.keep) tf.remove();
  }
}

/** Planned resources by address, from `terraform show -json`. */
export function plannedResources(plan: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const change of plan.resource_changes ?? []) out[change.address] = change;
  return out;
}
