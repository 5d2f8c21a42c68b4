import type { WebSocket } from 'ws';

/**
 * Bounds on GraphQL over WebSocket, applied in front of mercurius (which has none): connections
 * per instance and per caller, active subscriptions per connection, the wait for connection_init,
 * and a heartbeat that drops peers that vanished without closing (their slot would stay taken).
 *
 * The upgrade request is not charged to the rate-limit budget when it arrives (src/plugins/rate-limit.ts):
 * connection_init is, one request's worth, to the caller it authenticates as (its key), else to the
 * upgrade's own caller (the key of its headers, or its IP); each subscription then costs its operation's
 * cost to the connection's caller (src/plugins/graphql.ts). A socket that never sends connection_init
 * costs nothing but is closed after `initTimeoutMs`, and counts against the caps meanwhile.
 *
 * Refusals follow the graphql-ws (graphql-transport-ws) close codes, so clients can tell them apart:
 * 4429 too many (connections for this caller or instance, a second connection_init, or a
 * connection_init over the caller's rate-limit budget), 4408 no connection_init in time, 4409 a
 * subscription id already in use. A subscription beyond the
 * per-connection cap is answered with an `error` message for its id (the connection stays open).
 */

export interface WsLimits {
  maxConnections: number;
  maxConnectionsPerCaller: number;
  maxSubscriptionsPerConnection: number;
  initTimeoutMs: number;
  /** Ping interval (0: no heartbeat); a peer that answers none of two pings is dropped. */
  keepAliveMs: number;
}

export const WS_CLOSE = {
  TOO_MANY: 4429,
  INIT_TIMEOUT: 4408,
  DUPLICATE_ID: 4409,
} as const;

export const WS_REASON = {
  instance: 'Too many connections to this instance',
  caller: 'Too many connections for this caller',
  init: 'Too many initialisation requests',
  initTimeout: 'Connection initialisation timeout',
  rateLimited: (retryInSeconds: number) => `Rate limit exceeded: retry in ${retryInSeconds} s (GET /v1/usage shows your budget)`,
} as const;

export interface WsStats {
  connections: number;
  callers: number;
  subscriptions: number;
}

/** Whose budget and connection slots a connection uses: its tier and rate-limit key. */
export interface WsCaller {
  tier: string;
  rateKey: string;
}

/** The caller a connection_init payload authenticates as; null: none or invalid (mercurius refuses those). */
export type IdentifyInit = (payload: unknown) => Promise<WsCaller | null>;

/** Spends one request's worth of the caller's budget for a connection_init; false when that is over the budget. */
export type ChargeInit = (caller: WsCaller) => Promise<{ allowed: boolean; resetSeconds: number }>;

interface Connection {
  socket: WebSocket;
  caller: WsCaller;
  initialised: boolean;
  active: Set<string>;
  /** Pings sent since the last pong. */
  unanswered: number;
  timer: NodeJS.Timeout | undefined;
}

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;

export class WsGuard {
  private readonly perCaller = new Map<string, number>();
  private readonly connections = new Set<Connection>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: WsLimits,
    private readonly identify: IdentifyInit,
    private readonly chargeInit: ChargeInit = async () => ({ allowed: true, resetSeconds: 0 }),
  ) {
    if (limits.keepAliveMs > 0) {
      this.heartbeat = setInterval(() => this.beat(), limits.keepAliveMs);
      this.heartbeat.unref();
    }
  }

  stats(): WsStats {
    let subscriptions = 0;
    for (const c of this.connections) subscriptions += c.active.size;
    return { connections: this.connections.size, callers: this.perCaller.size, subscriptions };
  }

  close(): void {
    clearInterval(this.heartbeat);
  }

  /**
   * Admits a new socket of `caller` (the upgrade request's caller) or closes it with 4429.
   * An admitted socket's messages pass through `gate` before mercurius sees them.
   */
  admit(socket: WebSocket, caller: WsCaller): boolean {
    if (this.connections.size >= this.limits.maxConnections) {
      socket.close(WS_CLOSE.TOO_MANY, WS_REASON.instance);
      return false;
    }
    if (this.count(caller.rateKey) >= this.limits.maxConnectionsPerCaller) {
      socket.close(WS_CLOSE.TOO_MANY, WS_REASON.caller);
      return false;
    }
    const c: Connection = { socket, caller, initialised: false, active: new Set(), unanswered: 0, timer: undefined };
    this.connections.add(c);
    this.add(caller.rateKey, 1);
    c.timer = setTimeout(() => {
      if (!c.initialised) socket.close(WS_CLOSE.INIT_TIMEOUT, WS_REASON.initTimeout);
    }, this.limits.initTimeoutMs);
    c.timer.unref();
    // 'close' comes once per socket, however it ends (close frame, error, terminate, TCP reset).
    socket.once('close', () => {
      clearTimeout(c.timer);
      if (this.connections.delete(c)) this.add(c.caller.rateKey, -1);
    });
    socket.on('pong', () => {
      c.unanswered = 0;
    });
    this.intercept(c);
    return true;
  }

  private count(caller: string): number {
    return this.perCaller.get(caller) ?? 0;
  }

  private add(caller: string, n: number) {
    const next = this.count(caller) + n;
    if (next > 0) this.perCaller.set(caller, next);
    else this.perCaller.delete(caller);
  }

  private beat() {
    for (const c of this.connections) {
      // A closing socket is counted until it has closed (ping would throw on it).
      if (c.socket.readyState !== c.socket.OPEN) continue;
      // Two pings unanswered: a busy moment on either side does not drop a live peer.
      if (c.unanswered >= 2) {
        c.socket.terminate();
        continue;
      }
      c.unanswered++;
      c.socket.ping();
    }
  }

  /**
   * Messages reach mercurius through `gate`, one after the other (connection_init waits for its
   * credentials to be checked, and what follows waits for it). What the server sends is watched for
   * the end of a subscription (`complete`, `error`), which frees its place.
   */
  private intercept(c: Connection) {
    const { socket } = c;
    const emit = socket.emit.bind(socket) as Emit;
    let queue: Promise<void> = Promise.resolve();
    (socket as unknown as { emit: Emit }).emit = (event, ...args) => {
      if (event !== 'message') return emit(event, ...args);
      queue = queue
        .then(async () => {
          if (socket.readyState === socket.OPEN && (await this.gate(c, args[0]))) emit(event, ...args);
        })
        // Credentials could not be checked (the database is down): 1011, internal error.
        .catch(() => socket.close(1011, 'Internal error'));
      return true;
    };
    const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
    (socket as unknown as { send: typeof send }).send = (data, ...rest) => {
      // mercurius writes `{"type":…,"id":…}` first: only the ends of subscriptions are parsed.
      if (typeof data === 'string' && (data.startsWith('{"type":"complete"') || data.startsWith('{"type":"error"'))) {
        const id = (parse(data) as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string') c.active.delete(id);
      }
      send(data, ...rest);
    };
  }

  /** Whether the message goes on to mercurius; refusals are answered or the socket closed here. */
  private async gate(c: Connection, data: unknown): Promise<boolean> {
    const message = parse(textOf(data)) as { type?: unknown; id?: unknown; payload?: unknown } | undefined;
    if (!message || typeof message.type !== 'string') return true; // mercurius answers malformed messages
    const { socket } = c;
    switch (message.type) {
      case 'connection_init': {
        if (c.initialised) {
          socket.close(WS_CLOSE.TOO_MANY, WS_REASON.init);
          return false;
        }
        c.initialised = true;
        clearTimeout(c.timer);
        // Credentials in connection_init make the connection that caller's, counted against it.
        const caller = await this.identify(message.payload);
        if (caller && caller.rateKey !== c.caller.rateKey) {
          if (this.count(caller.rateKey) >= this.limits.maxConnectionsPerCaller) {
            socket.close(WS_CLOSE.TOO_MANY, WS_REASON.caller);
            return false;
          }
          this.add(c.caller.rateKey, -1);
          this.add(caller.rateKey, 1);
          c.caller = caller;
        }
        // The connection's request: charged to its caller now that it is known (a key's, or the IP's).
        const budget = await this.chargeInit(c.caller);
        if (!budget.allowed) {
          socket.close(WS_CLOSE.TOO_MANY, WS_REASON.rateLimited(budget.resetSeconds));
          return false;
        }
        return true;
      }
      case 'subscribe':
      case 'start': {
        const id = message.id;
        if (typeof id !== 'string') return true;
        if (c.active.has(id)) {
          // mercurius would replace the running subscription and leave it running unseen.
          socket.close(WS_CLOSE.DUPLICATE_ID, `Subscriber for ${id.slice(0, 64)} already exists`);
          return false;
        }
        const max = this.limits.maxSubscriptionsPerConnection;
        if (c.active.size >= max) {
          const error = {
            message: `This connection has ${c.active.size} active subscriptions; at most ${max} are allowed. Complete one first, or open another connection.`,
            extensions: { code: 'RATE_LIMITED', limit: { name: 'subscriptions', max, actual: c.active.size + 1 } },
          };
          socket.send(JSON.stringify({ type: 'error', id, payload: [error] }));
          return false;
        }
        // Freed when the server ends it (its `complete` or `error`), not when the client asks: mercurius
        // may still be starting it then, and would leave it running.
        c.active.add(id);
        return true;
      }
      default:
        return true;
    }
  }
}

function textOf(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString();
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString();
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString();
  return '';
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
