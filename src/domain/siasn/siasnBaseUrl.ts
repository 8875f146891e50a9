// The SIASN base URL a tenant may configure. The worker POSTs the agency's tokens
// there, so it must be https (http only to this machine, for local test servers) and must
// not point into the server's own network: private, link-local (cloud metadata), or
// unspecified addresses are refused. A host name is checked as written when the URL is
// configured, and the addresses it resolves to as each call connects (siasnHttp.ts).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { BadUserInputError } from '../../lib/errors.js';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Addresses of the server's own network, other than loopback. */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches the server itself
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (Alibaba Cloud's metadata is 100.100.100.200)
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['fc00::', 7], // unique local (AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/** Cloud metadata services reached by name. */
const metadataHosts = /^(metadata|metadata\.google\.internal|instance-data|.*\.internal)$/;

/** The URL calls go to (without a trailing slash); BadUserInputError when it may not be used. */
export function checkSiasnBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new BadUserInputError('baseUrl: is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new BadUserInputError('baseUrl: must be an https URL');
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    throw new BadUserInputError('baseUrl: must carry no credentials, query or fragment');
  // The URL parser has already written IPv4 in dotted decimal (0x7f.1 is 127.0.0.1).
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const family = isIP(host);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const isLoopback = host === 'localhost' || (family !== 0 && loopback.check(host, type));
  if (url.protocol === 'http:' && !isLoopback)
    throw new BadUserInputError('baseUrl: must be an https URL (http only to localhost)');
  if (family !== 0 && !isLoopback && internal.check(host, type)) {
    throw new BadUserInputError(
      `baseUrl: ${host} is a private, link-local or metadata address; SIASN is reached at a public https address`,
    );
  }
  if (family === 0 && metadataHosts.test(host.replace(/\.$/, '')))
    throw new BadUserInputError(`baseUrl: ${host} is a cloud metadata host, not SIASN`);
  return url.toString().replace(/\/+$/, '');
}

/** Resolves a host name to every address it has. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** A name that resolved into the server's own network: SIASN is not called there. */
export class InternalAddressError extends Error {}

/**
 * The addresses SIASN may be called at for `hostname`, as the connection is made: a name
 * other than localhost that resolves to a loopback, private, link-local or metadata address
 * is refused (InternalAddressError), so a name pointed at the server's own network, before
 * or between calls (DNS rebinding), cannot reach it. Addresses written in the URL were
 * checked when it was configured and are not looked up.
 */
export async function connectableAddresses(
  hostname: string,
  resolve: ResolveHost,
): Promise<string[]> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const addresses = await resolve(host);
  if (host === 'localhost') return addresses;
  for (const address of addresses) {
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (loopback.check(address, type) || internal.check(address, type)) {
      throw new InternalAddressError(
        `${host} resolves to ${address}, an address of the server's own network`,
      );
    }
  }
  return addresses;
}
