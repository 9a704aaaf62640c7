/** `GET /api/server`: the addresses other devices reach this server at. */
export interface ServerInfo {
  /** base URL for phones and tablets (PUBLIC_URL, else the first LAN address); null when the server is reachable only from its own computer */
  publicUrl: string | null;
  /** every base URL other devices can use, the preferred first; never a loopback address unless PUBLIC_URL names one */
  addresses: string[];
  /** true when `publicUrl` is the PUBLIC_URL setting; false when found from the network interfaces (a page opened on a non-loopback address may prefer its own then: it may come through a reverse proxy) */
  configured: boolean;
}
