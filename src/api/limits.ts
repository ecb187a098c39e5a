/**
 * How much computing each caller may ask of the server. A computation (a scenario evaluation, a
 * report not yet cached) is admitted only within the caller's limits; cached answers are never
 * limited. Tokens (and the browser sessions that stand for them) are limited each on its own;
 * callers without a token (`--public`) per address and all together, with lower limits and a
 * bound on each request's work (`boundAnonymousWork`).
 *
 * Two limits: computations running at once (more wait their turn, up to a queue, past which they
 * are refused), and compute time: a bucket of seconds, spent by the time each computation took
 * and refilled at a steady rate; a caller whose bucket is spent is refused until it refills.
 * Refusals are 429 with Retry-After, answered after a short pause so a client that ignores
 * Retry-After cannot make the server spin on them. Every computation has a deadline (shorter
 * without a token), waiting included, after which it fails with a message that says so.
 */
import type { Context } from "hono";
import { OrebookError } from "../model/errors.js";
import type { Caller } from "./auth.js";
import { Lru } from "./data-service.js";
import { httpError } from "./problem.js";

export interface ClientLimit {
  /** Computations running at once. */
  running: number;
  /** Computations that may wait for one of those. */
  waiting: number;
  /** Seconds of computing that may be spent at once, and regained per second. */
  burstSeconds: number;
  perSecond: number;
}

export interface ComputeLimits {
  /** Each token. */
  token: ClientLimit;
  /** Each address without a token. */
  address: ClientLimit;
  /** All callers without a token together. */
  anonymous: ClientLimit;
  /** How long a computation may take, waiting included (ms), for a token and for the public. */
  deadlineMs: number;
  anonymousDeadlineMs: number;
  /** A refusal is answered after this pause (ms). */
  refusalPauseMs: number;
  /** The public's work per request: scenario evaluations (scenarios × commodities) and changes. */
  anonymousEvaluations: number;
  anonymousChanges: number;
  /** The public's routing time limit (seconds). */
  anonymousRouteSeconds: number;
  /** Jobs one token may have queued or running. */
  tokenJobs: number;
}

/**
 * A dashboard session without a token computes a few seconds in all; a token may keep a worker
 * busy; all callers without a token together at most half a worker over time.
 */
export const DEFAULT_LIMITS: ComputeLimits = {
  token: { running: 2, waiting: 16, burstSeconds: 300, perSecond: 1 },
  address: { running: 2, waiting: 8, burstSeconds: 120, perSecond: 0.25 },
  anonymous: { running: 2, waiting: 32, burstSeconds: 240, perSecond: 0.5 },
  // Above the routing report's longest time limit (60 s), and the public's (10 s).
  deadlineMs: 75_000,
  anonymousDeadlineMs: 20_000,
  refusalPauseMs: 1_000,
  anonymousEvaluations: 8,
  anonymousChanges: 50,
  anonymousRouteSeconds: 10,
  tokenJobs: 64,
};

/** The address a request came from (the socket's; no proxy header is trusted). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

interface Client {
  running: number;
  waiting: number;
  /** Seconds left in the bucket (below 0: in debt), as of `at`. */
  seconds: number;
  at: number;
}

interface Check {
  key: string;
  limit: ClientLimit;
  who: string;
}

interface Waiter {
  checks: Check[];
  admit: () => void;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** What a caller is charged once its computation has ended. */
export type Release = (computedMs: number) => void;

export class Limits {
  readonly opts: ComputeLimits;
  private readonly clients = new Lru<Client>(10_000);
  private readonly queue: Waiter[] = [];

  constructor(opts: Partial<ComputeLimits> = {}) {
    this.opts = { ...DEFAULT_LIMITS, ...opts };
  }

  /** How long a computation the caller asks for may take, waiting included (ms). */
  allowedMs(caller: Caller): number {
    return caller.via === "public" ? this.opts.anonymousDeadlineMs : this.opts.deadlineMs;
  }

  /** When a computation the caller asks for now must have answered (ms since the epoch). */
  deadline(caller: Caller): number {
    return Date.now() + this.allowedMs(caller);
  }

  private checksFor(caller: Caller, address: string): Check[] {
    const o = this.opts;
    return caller.via === "public"
      ? [
          { key: `address:${address}`, limit: o.address, who: "this address without a token" },
          { key: "anonymous", limit: o.anonymous, who: "all callers without a token" },
        ]
      : [{ key: `token:${caller.tokenId ?? caller.name}`, limit: o.token, who: "this token" }];
  }

  private client(ch: Check, now: number): Client {
    let c = this.clients.get(ch.key);
    if (!c) {
      c = { running: 0, waiting: 0, seconds: ch.limit.burstSeconds, at: now };
      this.clients.set(ch.key, c);
    }
    c.seconds = Math.min(
      ch.limit.burstSeconds,
      c.seconds + ((now - c.at) / 1000) * ch.limit.perSecond,
    );
    c.at = now;
    return c;
  }

  private async refuse(caller: Caller, detail: string, retryAfter: number): Promise<never> {
    if (this.opts.refusalPauseMs > 0) await sleep(this.opts.refusalPauseMs);
    throw httpError(
      "TOO_MANY_REQUESTS",
      `${detail}. Answers already computed are served at any rate${caller.via === "public" ? "; a token has higher limits" : ""}`,
      { headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfter))) } },
    );
  }

  /** Refuses a job past the token's jobs queued or running (`active`), 429 after the pause. */
  async admitJob(caller: Caller, active: number): Promise<void> {
    if (active < this.opts.tokenJobs) return;
    await this.refuse(
      caller,
      `Too many jobs for this token: ${active} are queued or running, at most ${this.opts.tokenJobs}; wait for some to end or cancel them (DELETE /api/jobs/{id})`,
      5,
    );
  }

  /**
   * Admits one computation for the caller: at once, or once it is its turn (by `deadline`), or
   * refuses it 429. Call the returned function once the computation has ended, with the time it
   * took.
   */
  async admit(caller: Caller, address: string, deadline: number): Promise<Release> {
    const checks = this.checksFor(caller, address);
    const now = Date.now();
    const clients = checks.map((ch) => this.client(ch, now));
    for (const [i, ch] of checks.entries()) {
      const c = clients[i] as Client;
      if (c.seconds <= 0)
        return this.refuse(
          caller,
          `Too much computing for ${ch.who}: ${ch.limit.burstSeconds} s at once and ${ch.limit.perSecond} s a second after that`,
          (1e-3 - c.seconds) / ch.limit.perSecond,
        );
    }
    // Each client's computations start in the order they came: none overtakes a waiting one.
    const keys = new Set(checks.map((ch) => ch.key));
    const behind = this.queue.some((w) => w.checks.some((ch) => keys.has(ch.key)));
    if (!behind && checks.every((ch, i) => (clients[i] as Client).running < ch.limit.running))
      return this.start(checks);
    for (const [i, ch] of checks.entries())
      if ((clients[i] as Client).waiting >= ch.limit.waiting)
        return this.refuse(
          caller,
          `Too many computations at once for ${ch.who}: ${ch.limit.running} may run and ${ch.limit.waiting} wait; wait for one to answer`,
          1,
        );
    for (const c of clients) c.waiting++;
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        checks,
        admit: () => {
          clearTimeout(timer);
          resolve(this.start(checks));
        },
      };
      const timer = setTimeout(
        () => {
          const i = this.queue.indexOf(waiter);
          if (i < 0) return;
          this.queue.splice(i, 1);
          for (const ch of checks) {
            const c = this.clients.get(ch.key);
            if (c) c.waiting--;
          }
          reject(
            new OrebookError(
              "UNAVAILABLE",
              `The computation waited ${Math.round((deadline - now) / 100) / 10} s for its turn, the most this server gives one request: ${checks.map((c) => c.who).join(" and ")} had other computations running; try again shortly`,
              { details: { waited: true } },
            ),
          );
        },
        Math.max(0, deadline - now),
      );
      this.queue.push(waiter);
    });
  }

  private start(checks: Check[]): Release {
    const now = Date.now();
    for (const ch of checks) this.client(ch, now).running++;
    let released = false;
    return (computedMs: number) => {
      if (released) return;
      released = true;
      const at = Date.now();
      for (const ch of checks) {
        const c = this.client(ch, at);
        c.running--;
        c.seconds -= Math.max(0, computedMs) / 1000;
      }
      this.pump();
    };
  }

  /** Starts the waiters whose clients have a free slot, in the order they came. */
  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const w = this.queue[i] as Waiter;
      const ok = w.checks.every(
        (ch) => (this.clients.get(ch.key)?.running ?? 0) < ch.limit.running,
      );
      if (!ok) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      for (const ch of w.checks) {
        const c = this.clients.get(ch.key);
        if (c) c.waiting--;
      }
      w.admit();
    }
  }
}

/**
 * Refuses work larger than the public may ask for (401: a token may ask for it). `what` says
 * what was asked, `bound` the public's limit.
 */
export function boundAnonymousWork(
  caller: Caller,
  asked: number,
  bound: number,
  what: string,
): void {
  if (caller.via !== "public" || asked <= bound) return;
  throw httpError(
    "UNAUTHORIZED",
    `Without a token a request may ask for at most ${bound} ${what}; this one asks for ${asked}: ask for less, or send Authorization: Bearer <token>`,
    { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
  );
}
