import { IncomingMessage, Server, ServerResponse, createServer, request } from "node:http";

/**
 * moto answers most of EKS but not DescribeAddonVersions (`GET /addons/supported-versions`), which
 * `data.aws_eks_addon_version` calls at plan time. This proxy stands in front of moto for the EKS
 * endpoint only: it answers that one call with a plausible catalogue and forwards everything else
 * to moto. One answer is corrected on the way back: moto reports a default SSH key
 * (`remoteAccess.ec2SshKey: eksKeypair`) on every node group, even one on a launch template, where
 * EKS reports none (remote access and launch templates exclude each other) — left as is, every plan
 * after an apply would replace the node group (`remote_access` is ForceNew). And moto has no
 * DescribeUpdate, which the provider polls after UpdateNodegroupConfig/Version: the proxy reports
 * every update as Successful (moto applies the change at once). Test support only —
 * the product carries no emulator settings.
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
export class EksProxy {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static start(upstream: string): Promise<EksProxy> {
    const target = new URL(upstream);
    const server = createServer((req, res) => handle(req, res, target));
    server.unref();
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        if (typeof address !== "object" || !address) return reject(new Error("the proxy has no port"));
        resolve(new EksProxy(server, `http://127.0.0.1:${address.port}`));
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
    const body = JSON.stringify(
      describeAddonVersions(url.searchParams.get("addonName") ?? "", url.searchParams.get("kubernetesVersion") ?? ""),
    );
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const update = /^\/clusters\/[^/]+(?:\/node-groups\/[^/]+|\/addons\/[^/]+)?\/updates\/([^/]+)$/.exec(url.pathname);
  if (req.method === "GET" && update) {
    const body = JSON.stringify({
      update: { id: update[1], status: "Successful", type: "ConfigUpdate", params: [], createdAt: Date.now() / 1000, errors: [] },
    });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const describesNodegroup = req.method === "GET" && /^\/clusters\/[^/]+\/node-groups\/[^/]+$/.test(url.pathname);
  const forward = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (upstream) => {
      if (!describesNodegroup || upstream.statusCode !== 200) {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      upstream.on("data", (c: Buffer) => chunks.push(c));
      upstream.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (body.nodegroup?.launchTemplate) delete body.nodegroup.remoteAccess;
        const text = JSON.stringify(body);
        res.writeHead(200, { ...upstream.headers, "content-length": Buffer.byteLength(text) });
        res.end(text);
      });
    },
  );
  forward.on("error", (e) => {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end(`proxy: ${e.message}`);
  });
  req.pipe(forward);
}
