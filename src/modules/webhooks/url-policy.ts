/**
 * Which webhook URLs may be registered and which addresses a delivery may reach (SSRF defence).
 *
 * Two checks, because a URL can be fine when stored and dangerous when delivered: `checkWebhookUrl`
 * at create time (shape, scheme, IP literals, odd numeric spellings, local names), and
 * `isAllowedAddress` at delivery time on every address the hostname resolves to then.
 * Range classification comes from ipaddr.js's `range()` (maintained IANA special-purpose tables)
 * rather than hand-written masks; only what it leaves as 'unicast' but must still be refused is
 * added here.
 */
import ipaddr from 'ipaddr.js';

export interface UrlPolicy {
  /** CIDRs (IPv4 or IPv6, e.g. "127.0.0.1/32", "::1/128") that deliveries may reach although private/special; empty in production. With it, plain http is allowed to those addresses only. */
  allowPrivateCidrs: readonly string[];
  /** Plain http allowed for any (public) host: explicit local-development setting. */
  allowHttp: boolean;
}

export const DEFAULT_URL_POLICY: UrlPolicy = Object.freeze({ allowPrivateCidrs: Object.freeze([]), allowHttp: false });

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** The one reason given for every non-canonical numeric host, so owners learn the single accepted form. */
export const NUMERIC_HOST_REASON = 'IP addresses must be written as four decimal octets (e.g. 203.0.113.7)';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses the comma-separated env value WEBHOOK_ALLOW_PRIVATE_CIDRS; throws Error with a clear message on a bad CIDR. */
export function parseCidrList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const cidr = parseStrictCidr(entry);
    if (!cidr) {
      throw new Error(
        `WEBHOOK_ALLOW_PRIVATE_CIDRS: "${entry}" is not a CIDR; expected address/prefix such as 127.0.0.1/32 or ::1/128, comma-separated`,
      );
    }
    out.push(`${cidr[0].toString()}/${cidr[1]}`);
  }
  return out;
}

/** ipaddr.js accepts "127.1/32" and other inet_aton spellings; an allow-list must be unambiguous. */
function parseStrictCidr(entry: string): Cidr | null {
  const slash = entry.lastIndexOf('/');
  if (slash <= 0) return null;
  const addr = entry.slice(0, slash);
  const bits = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return null;
  if (ipaddr.IPv4.isIPv4(addr) && !ipaddr.IPv4.isValidFourPartDecimal(addr)) return null;
  if (!ipaddr.isValidCIDR(entry)) return null;
  try {
    return ipaddr.parseCIDR(entry);
  } catch {
    return null;
  }
}

function policyCidrs(policy: UrlPolicy): Cidr[] {
  // Policies are built from parseCidrList, but a hand-made one must not throw mid-delivery.
  return policy.allowPrivateCidrs.map(parseStrictCidr).filter((c): c is Cidr => c !== null);
}

function inCidrs(addr: ipaddr.IPv4 | ipaddr.IPv6, cidrs: readonly Cidr[]): boolean {
  // match() throws across families, so compare only like with like.
  return cidrs.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/** Parses an address as it comes from DNS or a URL host; null for anything that is not a canonical literal. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (ipaddr.IPv4.isIPv4(bare)) {
    return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.IPv4.parse(bare) : null;
  }
  if (!ipaddr.IPv6.isValid(bare)) return null;
  const v6 = ipaddr.IPv6.parse(bare);
  // A zone id names a local interface: only link-local use, never a public destination.
  return v6.zoneId ? null : v6;
}

const RANGE_WORDS: Record<string, string> = {
  private: 'a private address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'an unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  reserved: 'a reserved or documentation address',
  benchmarking: 'a benchmarking address',
  rfc6052: 'a NAT64 address',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
};

/** 2000::/3 is the only IPv6 space allocated for global unicast; ipaddr.js calls e.g. ::7f00:1 or fec0::1 'unicast'. */
const IPV6_GLOBAL = ipaddr.parseCIDR('2000::/3');
/** Special ranges inside 2000::/3 or otherwise missing from ipaddr.js 2.2.0's table. */
const IPV6_EXTRA_REFUSED: readonly [Cidr, string][] = [
  [ipaddr.parseCIDR('3fff::/20'), 'a documentation address'], // RFC 9637
  [ipaddr.parseCIDR('64:ff9b:1::/48'), 'a NAT64 address'], // RFC 8215 local-use NAT64
];

/**
 * Why an address may not be connected to, in words for the endpoint's owner ("10.0.0.5 is a private
 * address"), or null when it may. The allow-list wins over every range.
 */
export function addressRefusal(address: string, policy: UrlPolicy): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return `${address} is not a valid IP address`;
  const cidrs = policyCidrs(policy);
  if (inCidrs(parsed, cidrs)) return null;
  let judged: ipaddr.IPv4 | ipaddr.IPv6 = parsed;
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    // ::ffff:a.b.c.d reaches a.b.c.d on a dual-stack socket, so the embedded IPv4 is what counts.
    judged = (parsed as ipaddr.IPv6).toIPv4Address();
    if (inCidrs(judged, cidrs)) return null;
  }
  const shown = judged === parsed ? parsed.toString() : `${parsed.toString()} (IPv4 ${judged.toString()})`;
  const range = judged.range();
  if (range !== 'unicast') return `${shown} is ${RANGE_WORDS[range] ?? `a special-purpose address (${range})`}`;
  if (judged.kind() === 'ipv6') {
    const v6 = judged as ipaddr.IPv6;
    for (const [cidr, words] of IPV6_EXTRA_REFUSED) if (v6.match(cidr)) return `${shown} is ${words}`;
    if (!v6.match(IPV6_GLOBAL)) return `${shown} is not a global unicast IPv6 address`;
  }
  return null;
}

/** Whether one resolved address may be connected to (see addressRefusal for the reason when not). */
export function isAllowedAddress(address: string, policy: UrlPolicy): boolean {
  return addressRefusal(address, policy) === null;
}

/** Whether an allowed address is in the allow-list proper (plain http is permitted only there unless allowHttp). */
export function isAllowListed(address: string, policy: UrlPolicy): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  const cidrs = policyCidrs(policy);
  if (inCidrs(parsed, cidrs)) return true;
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? inCidrs((parsed as ipaddr.IPv6).toIPv4Address(), cidrs)
    : false;
}

/**
 * The authority exactly as written in the input, before the WHATWG parser percent-decodes,
 * IDNA-maps (full-width digits) and numerically normalises the host. Mirrors the parser's own
 * skipping of surrounding spaces, tabs/newlines, and slashes or backslashes after the scheme.
 */
function rawAuthority(input: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const afterScheme = cleaned.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:/, '').replace(/^[/\\]+/, '');
  return afterScheme.split(/[/\\?#]/, 1)[0] ?? '';
}

/** The host part of a raw authority, lower-cased (userinfo and port dropped). */
function rawHost(authority: string): string {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1).toLowerCase();
  return (hostPort.split(':', 1)[0] ?? '').toLowerCase();
}

/** Digits, dots and hex pieces only: something inet_aton-style parsers would read as an address. */
const NUMERIC_LOOKING = /^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?$/i;
const CANONICAL_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Names that by convention point inside the network they are resolved in. */
function isLocalName(hostname: string): boolean {
  const name = hostname.replace(/\.+$/, '');
  return (
    name === 'localhost' ||
    ['.localhost', '.local', '.internal', '.home.arpa'].some((suffix) => name.endsWith(suffix)) ||
    name === 'home.arpa'
  );
}

/** Create-time check of a webhook URL: returns null when acceptable, else a reason string (the caller reports it as a 400 naming field `url`). */
export function checkWebhookUrl(url: string, policy: UrlPolicy): string | null {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  const authority = rawAuthority(url);
  const raw = rawHost(authority);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // "08.1.2.3" is not even a URL to WHATWG, but the owner needs the numeric-host reason.
    return NUMERIC_LOOKING.test(raw) && !CANONICAL_QUAD.test(raw) ? NUMERIC_HOST_REASON : 'must be an absolute URL';
  }
  const privateAllowed = policy.allowPrivateCidrs.length > 0;
  if (parsed.protocol === 'http:') {
    if (!policy.allowHttp && !privateAllowed) return 'must use https';
  } else if (parsed.protocol !== 'https:') {
    return 'must use https';
  }
  // `https://@host` parses with an empty username, so look at the raw authority too.
  if (parsed.username || parsed.password || authority.includes('@')) {
    return 'must not contain a user name or password';
  }
  const host = parsed.hostname;
  if (!host) return 'must have a host';

  if (host.startsWith('[')) {
    const reason = addressRefusal(host, policy);
    if (reason) return `refused: ${reason}`;
    if (parsed.protocol === 'http:' && !policy.allowHttp && !isAllowListed(host, policy)) return 'must use https';
    return null;
  }
  // The parser turns 0177.1, 0x7f000001, 2130706433, %31%32%37.0.0.1 or full-width digits into
  // 127.0.0.1; other resolvers and proxies may read them differently, so only the canonical form is
  // accepted, and only if it is what was actually written.
  if (NUMERIC_LOOKING.test(raw) && !CANONICAL_QUAD.test(raw)) return NUMERIC_HOST_REASON;
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) {
    if (raw !== host) return NUMERIC_HOST_REASON;
    const reason = addressRefusal(host, policy);
    if (reason) return `refused: ${reason}`;
    if (parsed.protocol === 'http:' && !policy.allowHttp && !isAllowListed(host, policy)) return 'must use https';
    return null;
  }
  if (!privateAllowed && isLocalName(host)) return `refused: ${host} names a local or internal host`;
  return null;
}
