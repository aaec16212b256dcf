import { IncomingMessage, Server, ServerResponse, createServer, request } from "node:http";

/**
 * moto answers most of EKS but not DescribeAddonVersions (`GET /addons/supported-versions`), which
 * `data.aws_eks_addon_version` calls at plan time. This proxy stands in front of moto for the EKS
 * endpoint only: it answers that one call with a plausible catalogue and forwards everything else
 * to moto untouched. Test support only — the product carries no emulator settings.
 */

/** Per add-on: the newest version and EKS's default version for a Kubernetes minor. */
const CATALOGUE: Record<string, (minor: number) => { type: string; latest: string; default: string }> = {
  "vpc-cni": () => ({ type: "networking", latest: "v1.20.4-eksbuild.2", default: "v1.19.6-eksbuild.1" }),
  // kube-proxy follows the Kubernetes minor, as on EKS.
  "kube-proxy": (minor) => ({ type: "networking", latest: `v1.${minor}.3-eksbuild.5`, default: `v1.${minor}.0-eksbuild.2` }),
  coredns: () => ({ type: "networking", latest: "v1.12.4-eksbuild.1", default: "v1.12.1-eksbuild.2" }),
  "eks-pod-identity-agent": () => ({ type: "security", latest: "v1.3.8-eksbuild.2", default: "v1.3.7-eksbuild.2" }),
};

/** The catalogue's answer for one add-on and Kubernetes version (what the tests expect to see planned). */
export function addonVersionsFor(addonName: string, kubernetesVersion: string): { latest: string; default: string } | undefined {
  const minor = Number(/^1\.(\d+)$/.exec(kubernetesVersion)?.[1]);
  return Object.hasOwn(CATALOGUE, addonName) && Number.isFinite(minor) ? CATALOGUE[addonName](minor) : undefined;
}

/** DescribeAddonVersions' response body: newest version first, the default one flagged. */
export function describeAddonVersions(addonName: string, kubernetesVersion: string): object {
  const versions = addonVersionsFor(addonName, kubernetesVersion);
  if (!versions) return { addons: [] };
  const entry = CATALOGUE[addonName](0);
  const version = (addonVersion: string, defaultVersion: boolean) => ({
    addonVersion,
    architecture: ["amd64", "arm64"],
    compatibilities: [{ clusterVersion: kubernetesVersion, platformVersions: ["*"], defaultVersion }],
    requiresConfiguration: false,
  });
  return {
    addons: [
      {
        addonName,
        type: entry.type,
        owner: "aws",
        publisher: "eks",
        addonVersions: [version(versions.latest, false), version(versions.default, true)],
      },
    ],
  };
}

/** The proxy: `url` goes in the provider's `endpoints.eks`; `close()` stops it. */
export class EksAddonVersionsProxy {
  private constructor(private readonly server: Server, readonly url: string) {}

  static start(upstream: string): Promise<EksAddonVersionsProxy> {
    const target = new URL(upstream);
    const server = createServer((req, res) => handle(req, res, target));
    server.unref();
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        if (typeof address !== "object" || !address) return reject(new Error("the proxy has no port"));
        resolve(new EksAddonVersionsProxy(server, `http://127.0.0.1:${address.port}`));
      });
    });
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

function handle(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const url = new URL(req.url ?? "/", "http://proxy");
  if (req.method === "GET" && url.pathname === "/addons/supported-versions") {
    const body = JSON.stringify(describeAddonVersions(url.searchParams.get("addonName") ?? "", url.searchParams.get("kubernetesVersion") ?? ""));
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const forward = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    },
  );
  forward.on("error", (e) => {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end(`proxy: ${e.message}`);
  });
  req.pipe(forward);
}
