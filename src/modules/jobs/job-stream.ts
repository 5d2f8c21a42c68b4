import type { Database, DatabaseHandle } from '../../db/index.js';
import { feedHead, readFeed, type FeedEvent, type FeedPosition } from './changes.service.js';
import type { Job } from './jobs.schemas.js';
import { getJobsByIds } from './jobs.service.js';
import { JOB_EVENTS_CHANNEL } from './jobs.store.js';

/** A posting published (created or reopened) or closed, with the job as it stands when read. */
export interface JobStreamEvent {
  type: 'posted' | 'closed';
  job: Job;
  /** The change-feed event id. */
  eventId: string;
}

export type JobStreamListener = (event: JobStreamEvent) => void;

/** What subscribers see of a JobStream (the `jobStream` decorator; the GraphQL subscriptions). */
export interface JobStreamSource {
  subscribe(listener: JobStreamListener): () => void;
}

interface Logger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobStreamOptions {
  db: Database;
  listen: DatabaseHandle['listen'];
  log: Logger;
  /** Reads the feed this often even without a wake-up: NOTIFY comes at commit, but the feed may still hold an event back then. */
  pollMs: number;
  /** Events read per statement (memory stays bounded whatever the backlog). */
  batchSize?: number;
  /** Reconnection backoff of the LISTEN connection: first and largest delay. */
  reconnectMs?: { min: number; max: number };
}

const STREAMED: Partial<Record<FeedEvent['type'], JobStreamEvent['type']>> = { created: 'posted', reopened: 'posted', closed: 'closed' };

/**
 * The change feed of this database, pushed to in-process listeners. Writers NOTIFY at commit; every
 * instance reads the feed from its own position on a wake-up or a slow poll, so an event reaches
 * each listener exactly once and in feed order, whichever instance wrote it. Nothing runs while
 * nobody listens: the first listener opens the LISTEN connection and starts at the feed's head (it
 * gets only events to come), the last one to leave releases it.
 */
export class JobStream {
  readonly #options: Required<JobStreamOptions>;
  readonly #listeners = new Set<{ listener: JobStreamListener }>();
  /** Bumped whenever the stream starts or stops: late results of an earlier run are dropped. */
  #generation = 0;
  #active = false;
  #closed = false;
  #position: FeedPosition | undefined;
  #connection: { close(): Promise<void> } | undefined;
  #attempt = 0;
  #pollTimer: NodeJS.Timeout | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #again = false;
  #caughtUpAt: number | undefined;
  #live: { promise: Promise<void>; resolve: () => void } | undefined;
  /** Connects and disconnects in flight, awaited by close(). */
  readonly #tasks = new Set<Promise<unknown>>();

  constructor(options: JobStreamOptions) {
    this.#options = { batchSize: 500, reconnectMs: { min: 250, max: 30_000 }, ...options };
  }

  subscribe(listener: JobStreamListener): () => void {
    if (this.#closed) return () => {};
    const entry = { listener };
    this.#listeners.add(entry);
    if (!this.#active) this.#start();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.#listeners.delete(entry);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  /** Resolves once the stream holds its start position: whatever commits afterwards reaches the current listeners. */
  ready(): Promise<void> {
    return this.#live?.promise ?? Promise.resolve();
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /**
   * For metrics: whether the stream runs, how many listen, where it is in the feed, and when it was
   * last caught up with the feed (epoch ms; it starts at the head, so starting counts).
   */
  get stats(): { active: boolean; listeners: number; position: FeedPosition | undefined; caughtUpAt: number | undefined } {
    return { active: this.#active, listeners: this.#listeners.size, position: this.#position, caughtUpAt: this.#caughtUpAt };
  }

  /** Stops for good: releases the LISTEN connection and waits for a read in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    this.#stop();
    while (this.#tasks.size || this.#reading) await Promise.allSettled([...this.#tasks, this.#reading]);
  }

  #start(): void {
    this.#active = true;
    this.#caughtUpAt = Date.now();
    const generation = ++this.#generation;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.#live = { promise, resolve };
    this.#pollTimer = setInterval(() => this.#wake(), this.#options.pollMs).unref();
    // LISTEN first, then the head: a commit after the head is read is sure to wake us.
    this.#track(this.#connect(generation).then(() => this.#wake()));
  }

  #stop(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#generation++;
    this.#position = undefined;
    this.#attempt = 0;
    clearInterval(this.#pollTimer);
    clearTimeout(this.#reconnectTimer);
    this.#live?.resolve();
    this.#live = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection) this.#track(connection.close());
  }

  #track(task: Promise<unknown>): void {
    const settled = task.catch(() => {}).finally(() => this.#tasks.delete(settled));
    this.#tasks.add(settled);
  }

  async #connect(generation: number): Promise<void> {
    try {
      const connection = await this.#options.listen(
        JOB_EVENTS_CHANNEL,
        () => this.#wake(),
        (err) => this.#lost(generation, err),
      );
      if (generation !== this.#generation) {
        await connection.close();
        return;
      }
      this.#connection = connection;
      this.#attempt = 0;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#options.log.warn({ err }, 'job stream: cannot LISTEN, retrying (the poll keeps events flowing)');
      this.#reconnectLater(generation);
    }
  }

  #lost(generation: number, err: Error): void {
    if (generation !== this.#generation) return;
    this.#connection = undefined;
    this.#options.log.warn({ err }, 'job stream: LISTEN connection lost, reconnecting');
    this.#reconnectLater(generation);
  }

  #reconnectLater(generation: number): void {
    const { min, max } = this.#options.reconnectMs;
    const delay = Math.min(max, min * 2 ** this.#attempt++) * (0.5 + Math.random() / 2);
    this.#reconnectTimer = setTimeout(() => {
      if (generation !== this.#generation) return;
      // Whatever committed while nobody listened is read right after.
      this.#track(this.#connect(generation).then(() => this.#wake()));
    }, delay).unref();
  }

  /** Coalesces wake-ups: one read at a time, and one more after it when woken meanwhile. */
  #wake(): void {
    if (!this.#active) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#again = false;
    this.#reading = this.#catchUp(this.#generation)
      .catch((err: unknown) => this.#options.log.warn({ err }, 'job stream: reading the change feed failed, retrying at the next wake-up'))
      .finally(() => {
        this.#reading = undefined;
        if (this.#again) this.#wake();
      });
  }

  async #catchUp(generation: number): Promise<void> {
    const { db, batchSize } = this.#options;
    if (!this.#position) {
      const head = await feedHead(db);
      if (generation !== this.#generation) return;
      this.#position = head;
      this.#live?.resolve();
      return;
    }
    for (;;) {
      const page = await readFeed(db, this.#position, batchSize);
      const streamed = page.events.filter((e) => STREAMED[e.type]);
      const jobs = streamed.length ? await getJobsByIds(db, streamed.map((e) => e.jobId)) : [];
      if (generation !== this.#generation) return;
      // The position moves before listeners run: a listener's failure never replays an event.
      this.#position = page.position;
      streamed.forEach((event, i) => {
        const job = jobs[i];
        if (!job) return;
        const { external_id: _partnerOnly, ...publicJob } = job;
        this.#emit({ type: STREAMED[event.type]!, job: publicJob, eventId: String(event.id) });
      });
      if (!page.hasMore) {
        this.#caughtUpAt = Date.now();
        return;
      }
    }
  }

  #emit(event: JobStreamEvent): void {
    for (const entry of [...this.#listeners]) {
      // One listener leaving (or failing) while an event is handed out affects no other.
      if (!this.#listeners.has(entry)) continue;
      try {
        const result: unknown = entry.listener(event);
        if (result instanceof Promise) result.catch((err: unknown) => this.#options.log.error({ err }, 'job stream listener failed'));
      } catch (err) {
        this.#options.log.error({ err }, 'job stream listener failed');
      }
    }
  }
}
