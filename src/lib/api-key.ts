import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `hr_live_<24 base62 random chars><6 base62 checksum chars>`: 24 base62
 * characters carry ~143 bits; the checksum (CRC-32 of the random part) lets a scanner recognise
 * a leaked key offline and lets us refuse a mistyped or tampered key without a database read.
 */
export const KEY_PREFIX = 'hr_live_';
const RANDOM_CHARS = 24;
const CHECKSUM_CHARS = 6;
/** Characters of the key, prefix included, shown in lists and logs to identify it. */
const VISIBLE_CHARS = KEY_PREFIX.length + 8;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);

function base62(bytes: Buffer, length: number): string {
  let out = '';
  // Rejection sampling keeps every character uniformly distributed.
  for (const byte of bytes) {
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === length) return out;
  }
  return out + base62(randomBytes(length), length - out.length);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(random: string): string {
  let n = crc32(random);
  let out = '';
  for (let i = 0; i < CHECKSUM_CHARS; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export interface NewKey {
  secret: string;
  prefix: string;
  hash: string;
}

export function generateKey(): NewKey {
  const random = base62(randomBytes(RANDOM_CHARS * 2), RANDOM_CHARS);
  const secret = `${KEY_PREFIX}${random}${checksum(random)}`;
  return { secret, prefix: visiblePrefix(secret), hash: hashKey(secret) };
}

/** True when the string has the shape and a valid checksum of one of our keys. */
export function isWellFormedKey(candidate: string): boolean {
  if (!KEY_PATTERN.test(candidate)) return false;
  const body = candidate.slice(KEY_PREFIX.length);
  return checksum(body.slice(0, RANDOM_CHARS)) === body.slice(RANDOM_CHARS);
}

export function visiblePrefix(key: string): string {
  return key.slice(0, VISIBLE_CHARS);
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a, 'hex'), Buffer.from(b, 'hex')];
  return x.length === y.length && timingSafeEqual(x, y);
}
