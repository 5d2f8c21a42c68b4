import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_URL_POLICY,
  NUMERIC_HOST_REASON,
  addressRefusal,
  checkWebhookUrl,
  isAllowedAddress,
  parseCidrList,
  type UrlPolicy,
} from '../../../src/modules/webhooks/url-policy.js';

const LOCAL: UrlPolicy = { allowPrivateCidrs: ['127.0.0.1/32'], allowHttp: false };

describe('isAllowedAddress', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'], // TEST-NET-1
    ['198.51.100.1', 'reserved'], // TEST-NET-2
    ['203.0.113.1', 'reserved'], // TEST-NET-3
    ['198.18.0.1', 'reserved'], // benchmarking, filed under reserved by ipaddr.js
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['64:ff9b:1::1', 'NAT64'],
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'Teredo'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'documentation'],
    ['::7f00:1', 'not a global unicast'], // deprecated IPv4-compatible
    ['fec0::1', 'not a global unicast'], // deprecated site-local
    ['fe80::1%eth0', 'not a valid IP address'],
    ['0177.0.0.1', 'not a valid IP address'], // DNS never answers like this; refuse rather than guess
    ['not-an-ip', 'not a valid IP address'],
  ])('refuses %s (%s)', (address, words) => {
    expect(isAllowedAddress(address, DEFAULT_URL_POLICY)).toBe(false);
    expect(addressRefusal(address, DEFAULT_URL_POLICY)).toContain(words);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700::1111', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8'])(
    'allows public %s',
    (address) => {
      expect(isAllowedAddress(address, DEFAULT_URL_POLICY)).toBe(true);
    },
  );

  it('allows exactly what the allow-list names, including the IPv4-mapped spelling of it', () => {
    expect(isAllowedAddress('127.0.0.1', LOCAL)).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', LOCAL)).toBe(true);
    expect(isAllowedAddress('127.0.0.2', LOCAL)).toBe(false);
    expect(isAllowedAddress('::1', LOCAL)).toBe(false);
    const both: UrlPolicy = { allowPrivateCidrs: ['127.0.0.1/32', '::1/128', '10.0.0.0/8'], allowHttp: false };
    expect(isAllowedAddress('::1', both)).toBe(true);
    expect(isAllowedAddress('10.200.3.4', both)).toBe(true);
    expect(isAllowedAddress('192.168.0.1', both)).toBe(false);
  });

  const octet = fc.integer({ min: 0, max: 255 });
  const privateV4 = fc.oneof(
    fc.tuple(fc.constant(10), octet, octet, octet),
    fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
    fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
    fc.tuple(fc.constant(127), octet, octet, octet),
    fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
    fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
    fc.tuple(fc.constant(0), octet, octet, octet),
    fc.tuple(fc.integer({ min: 224, max: 255 }), octet, octet, octet),
  );

  it('refuses every address in a private or special IPv4 range, plain or IPv4-mapped (property)', () => {
    fc.assert(
      fc.property(privateV4, (parts) => {
        const v4 = parts.join('.');
        return !isAllowedAddress(v4, DEFAULT_URL_POLICY) && !isAllowedAddress(`::ffff:${v4}`, DEFAULT_URL_POLICY);
      }),
    );
  });
});

describe('checkWebhookUrl', () => {
  it('accepts a public https URL with any port, path and query', () => {
    expect(checkWebhookUrl('https://example.com', DEFAULT_URL_POLICY)).toBeNull();
    expect(checkWebhookUrl('https://hooks.example.com:8443/in/abc?x=1', DEFAULT_URL_POLICY)).toBeNull();
    expect(checkWebhookUrl('https://8.8.8.8/hook', DEFAULT_URL_POLICY)).toBeNull();
    expect(checkWebhookUrl('https://[2606:4700::1111]/hook', DEFAULT_URL_POLICY)).toBeNull();
  });

  it('refuses plain http by default, allows it with allowHttp', () => {
    expect(checkWebhookUrl('http://example.com/hook', DEFAULT_URL_POLICY)).toBe('must use https');
    expect(checkWebhookUrl('http://example.com/hook', { allowPrivateCidrs: [], allowHttp: true })).toBeNull();
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)'])('refuses scheme of %s', (url) => {
    expect(checkWebhookUrl(url, DEFAULT_URL_POLICY)).toBe('must use https');
  });

  it.each(['not a url', '/relative/path', 'https://', ''])('refuses unparsable %j', (url) => {
    expect(checkWebhookUrl(url, DEFAULT_URL_POLICY)).not.toBeNull();
  });

  it.each(['https://user:pass@example.com/', 'https://user@example.com/', 'https://@example.com/', 'https://:p@example.com/'])(
    'refuses userinfo in %s',
    (url) => {
      expect(checkWebhookUrl(url, DEFAULT_URL_POLICY)).toBe('must not contain a user name or password');
    },
  );

  it('refuses URLs over 2048 characters', () => {
    const url = `https://example.com/${'a'.repeat(2048)}`;
    expect(checkWebhookUrl(url, DEFAULT_URL_POLICY)).toMatch(/2048/);
    expect(checkWebhookUrl(`https://example.com/${'a'.repeat(2048 - 20)}`, DEFAULT_URL_POLICY)).toBeNull();
  });

  it.each([
    ['https://10.1.2.3/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['https://172.16.0.1/', 'private'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://100.64.0.1/', 'carrier-grade NAT'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://[::1]/', 'loopback'],
    ['https://[::]/', 'unspecified'],
    ['https://[fe80::1]/', 'link-local'],
    ['https://[fc00::1]/', 'unique-local'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:7f00:1]/', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['https://[64:ff9b::7f00:1]/', 'NAT64'],
  ])('refuses IP literal %s', (url, words) => {
    const reason = checkWebhookUrl(url, DEFAULT_URL_POLICY);
    expect(reason).toMatch(/^refused: /);
    expect(reason).toContain(words);
  });

  it.each([
    'https://0177.0.0.1/', // octal first octet
    'https://0177.0000.0000.0001/',
    'https://017700000001/', // one octal number
    'https://0x7f.0.0.1/', // hex octet
    'https://0x7F.0x0.0x0.0x1/',
    'https://0x7f000001/', // one hex number
    'https://2130706433/', // one decimal number
    'https://127.1/', // shortened
    'https://127.0.1/',
    'https://0x7f.1/', // mixed and shortened
    'https://0177.0x0.1/',
    'https://10.0.0.011/',
    'https://08.8.8.8/', // invalid octal, not even a URL to WHATWG
    'https://8.8.8.010/', // a leading zero on a public-looking address is still ambiguous
    'https://127.0.0.1./', // trailing dot
    'https://%31%32%37.0.0.1/', // percent-encoded digits
    'https://\uff11\uff12\uff17.0.0.1/', // full-width digits, IDNA-mapped to 127
    'https:\\\\0x7f.1/', // backslashes read as slashes
    'https://0x7f.1:8443/path',
  ])('refuses the odd numeric spelling %s', (url) => {
    expect(checkWebhookUrl(url, DEFAULT_URL_POLICY)).toBe(NUMERIC_HOST_REASON);
    expect(checkWebhookUrl(url, LOCAL)).toBe(NUMERIC_HOST_REASON);
  });

  it('the numeric-spelling reason names the accepted form', () => {
    expect(NUMERIC_HOST_REASON).toContain('four decimal octets');
  });

  it.each(['https://localhost/', 'https://LOCALHOST./', 'https://api.localhost/', 'https://printer.local/', 'https://db.internal/', 'https://metadata.google.internal/', 'https://nas.home.arpa/'])(
    'refuses local name %s by default',
    (url) => {
      expect(checkWebhookUrl(url, DEFAULT_URL_POLICY)).toMatch(/local or internal/);
    },
  );

  it('with an allow-list: http to an allow-listed literal or a hostname passes; other private literals do not', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4567/x', LOCAL)).toBeNull();
    expect(checkWebhookUrl('https://127.0.0.1:4567/x', LOCAL)).toBeNull();
    expect(checkWebhookUrl('http://127.0.0.2:4567/x', LOCAL)).toMatch(/^refused: 127\.0\.0\.2 is a loopback address/);
    expect(checkWebhookUrl('http://10.0.0.1/x', LOCAL)).toMatch(/private/);
    // Hostnames are judged at delivery time, on what they resolve to.
    expect(checkWebhookUrl('http://localhost:4567/x', LOCAL)).toBeNull();
    // Plain http to a public literal still needs allowHttp.
    expect(checkWebhookUrl('http://8.8.8.8/x', LOCAL)).toBe('must use https');
    expect(checkWebhookUrl('http://8.8.8.8/x', { ...LOCAL, allowHttp: true })).toBeNull();
  });
});

describe('parseCidrList', () => {
  it('parses a comma-separated list, trimming and skipping empties', () => {
    expect(parseCidrList(undefined)).toEqual([]);
    expect(parseCidrList('')).toEqual([]);
    expect(parseCidrList(' 127.0.0.1/32 , ::1/128,,10.0.0.0/8 ')).toEqual(['127.0.0.1/32', '::1/128', '10.0.0.0/8']);
  });

  it.each(['127.0.0.1', '127.1/32', '0x7f.0.0.1/32', '10.0.0.0/33', '::1/129', 'localhost/32', '10.0.0.0/', '/8', '10.0.0.0/8x'])(
    'refuses %j with a message naming the variable and the value',
    (value) => {
      expect(() => parseCidrList(`127.0.0.1/32,${value}`)).toThrow(/WEBHOOK_ALLOW_PRIVATE_CIDRS: ".*" is not a CIDR/);
    },
  );
});
