/**
 * Session Manager port forwarding from localhost:`localPort` through the bastion to the endpoint on
 * 443. The region is explicit: operators work with many clusters, and their AWS CLI's default
 * region need not be this one.
 */
export function tunnelCommand(c: { bastionInstanceId: string; endpointHost: string; region: string; localPort: number }): string {
  return (
    `aws ssm start-session --region ${c.region} --target ${c.bastionInstanceId} --document-name AWS-StartPortForwardingSessionToRemoteHost ` +
    `--parameters host=${c.endpointHost},portNumber=443,localPortNumber=${c.localPort}`
  );
}

interface KubeconfigProps {
  readonly clusterName: string;
  readonly certificateAuthority: string;
  readonly region: string;
}

/**
 * A kubeconfig for the tunnel. The API certificate names the endpoint host, not localhost, so
 * `tls-server-name` keeps TLS verification on; `aws eks get-token` authenticates (exec plugin).
 */
export function kubeconfigThroughTunnel(c: KubeconfigProps & { endpointHost: string; localPort: number }): string {
  return kubeconfig(c, [`      server: https://localhost:${c.localPort}`, `      tls-server-name: ${c.endpointHost}`]);
}

/** A kubeconfig straight to the endpoint, for a cluster with a public endpoint and no bastion. */
export function kubeconfigDirect(c: KubeconfigProps & { endpoint: string }): string {
  return kubeconfig(c, [`      server: ${c.endpoint}`]);
}

function kubeconfig(c: KubeconfigProps, server: string[]): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `  - name: ${c.clusterName}`,
    "    cluster:",
    ...server,
    `      certificate-authority-data: ${c.certificateAuthority}`,
    "contexts:",
    `  - name: ${c.clusterName}`,
    "    context:",
    `      cluster: ${c.clusterName}`,
    `      user: ${c.clusterName}`,
    `current-context: ${c.clusterName}`,
    "users:",
    `  - name: ${c.clusterName}`,
    "    user:",
    "      exec:",
    "        apiVersion: client.authentication.k8s.io/v1beta1",
    "        command: aws",
    `        args: [eks, get-token, --cluster-name, ${c.clusterName}, --region, ${c.region}]`,
    "",
  ].join("\n");
}
