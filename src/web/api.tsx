/**
 * The dashboard's only door to data: fetch calls to the Orebook API on the same origin. A token
 * given by the user starts an API session (an HttpOnly cookie the browser then sends with every
 * call and event stream); problems come back as
 * `ApiProblem`s carrying the API's problem+json detail. Which routes this server answers is read
 * from its OpenAPI document: a route documented with no 2xx response is planned, not built, and
 * the page says so instead of calling it.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import type { components, paths } from "./api-types.js";

// ---- The API's paths and answers, from its OpenAPI document (api-types.ts, generated) ----

/** A documented path with its `{param}` placeholders as any text: the URLs that reach it. */
type Filled<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Filled<Tail>}`
  : P;

/** The JSON answer of GET `P` as the API documents it (its 200). */
export type ApiAnswer<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer A } } } };
}
  ? A
  : never;

/** The JSON answer of POST `P` as the API documents it (its 200). */
export type ApiPostAnswer<P extends keyof paths> = paths[P] extends {
  post: { responses: { 200: { content: { "application/json": infer A } } } };
}
  ? A
  : never;

/** The JSON body POST `P` takes, as the API documents it. */
export type ApiPostBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody: { content: { "application/json": infer B } } };
}
  ? B
  : never;

/** The URLs of every documented GET path that answers with JSON. */
export type ApiGetPath = {
  [P in keyof paths & string]: [ApiAnswer<P>] extends [never] ? never : Filled<P>;
}[keyof paths & string];

/** The URLs of every documented POST path that answers with JSON. */
export type ApiPostPath = {
  [P in keyof paths & string]: [ApiPostAnswer<P>] extends [never] ? never : Filled<P>;
}[keyof paths & string];

/** The documented answer of GET at a URL (`/api/records/stakes/s-1/history` is `{id}`'s). */
export type AnswerAt<U extends string> = {
  [P in keyof paths & string]: U extends Filled<P> ? ApiAnswer<P> : never;
}[keyof paths & string];

/** The documented answer of POST at a URL. */
export type PostAnswerAt<U extends string> = {
  [P in keyof paths & string]: U extends Filled<P> ? ApiPostAnswer<P> : never;
}[keyof paths & string];

/** The documented body of POST at a URL. */
export type PostBodyAt<U extends string> = {
  [P in keyof paths & string]: U extends Filled<P> ? ApiPostBody<P> : never;
}[keyof paths & string];

/** Who the API says the caller is (GET /api/session, its Session schema). */
export type Who = components["schemas"]["Session"];

/**
 * Signs in: the token goes once, as a bearer header, to POST /api/session, which answers with
 * an HttpOnly session cookie; the page never stores the token itself.
 */
export async function signIn(token: string): Promise<Who> {
  const res = await fetch("/api/session", {
    method: "POST",
    headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw await problemOf(res);
  sessionChanged();
  return (await res.json()) as Who;
}

export async function signOut(): Promise<void> {
  await fetch("/api/session", { method: "DELETE", headers: { "X-Orebook-Request": "1" } });
  sessionChanged();
}

function sessionChanged(): void {
  cache.clear();
  for (const l of sessionListeners) l();
}

const sessionListeners = new Set<() => void>();
export function onSessionChange(l: () => void): () => void {
  sessionListeners.add(l);
  return () => {
    sessionListeners.delete(l);
  };
}

/** A problem+json answer from the API (or a network failure, status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
  }
}

/** Every call: JSON, and the header that marks it as the page's own (the API's CSRF rule). */
function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { Accept: "application/json", "X-Orebook-Request": "1", ...extra };
}

async function problemOf(res: Response): Promise<ApiProblem> {
  try {
    const p = (await res.json()) as { title?: string; detail?: string };
    return new ApiProblem(res.status, p.title ?? res.statusText, p.detail ?? "");
  } catch {
    return new ApiProblem(res.status, res.statusText, "");
  }
}

/**
 * The URL of an API path with its query, empty values left out and names in order, so the same
 * query written in another order is the same URL (one fetch, one cache entry).
 */
export function urlOf(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Every GET of this page load, by URL; `counted` once the loading state counts it. */
const cache = new Map<string, { promise: Promise<unknown>; counted: boolean; done: boolean }>();

// ---- Requests under way, for the loading indicator ----

let inFlight = 0;
const busyListeners = new Set<() => void>();
function busyChanged(by: number): void {
  inFlight += by;
  for (const l of busyListeners) l();
}
/** Counts `p` as under way until it settles. */
export function tracked<T>(p: Promise<T>): Promise<T> {
  busyChanged(1);
  p.then(
    () => busyChanged(-1),
    () => busyChanged(-1),
  );
  return p;
}
/** Resolves once no request of the page is under way. */
export function whenSettled(): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((done) => {
    const l = () => {
      if (inFlight > 0) return;
      busyListeners.delete(l);
      done();
    };
    busyListeners.add(l);
  });
}
/** True while any request of the page is under way. */
export function useBusy(): boolean {
  return useSyncExternalStore(
    (l) => {
      busyListeners.add(l);
      return () => busyListeners.delete(l);
    },
    () => inFlight > 0,
  );
}

function fetchEntry(url: string, counted: boolean) {
  const promise = fetch(url, { headers: headers() }).then(async (res) => {
    if (!res.ok) throw await problemOf(res);
    return res.json();
  });
  const entry = { promise, counted, done: false };
  promise.then(
    () => {
      entry.done = true;
    },
    () => {
      if (cache.get(url) === entry) cache.delete(url);
    },
  );
  if (counted) tracked(promise);
  cache.set(url, entry);
  return entry;
}

/**
 * GET a JSON document, `T` as the API documents `path`'s answer; the same URL is fetched once
 * per page load (and session).
 */
export function getJson<P extends ApiGetPath>(
  path: P,
  query: Record<string, string | undefined> = {},
): Promise<AnswerAt<P>> {
  return getUrl<AnswerAt<P>>(path, query);
}

/** GET any URL of the API (a link it gave, such as a job's result) as a `T`. */
function getUrl<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const url = urlOf(path, query);
  const entry = cache.get(url) ?? fetchEntry(url, true);
  // Asked for ahead of time and still under way: the page now waits for it, so it counts.
  if (!entry.counted && !entry.done) {
    entry.counted = true;
    tracked(entry.promise);
  }
  return entry.promise as Promise<T>;
}

/**
 * Fetches `path` ahead of a page that will ask for it (without the loading state: nobody waits
 * yet), so that page finds it in hand; resolves when it is in, whatever the answer.
 */
export function prefetchJson(
  path: ApiGetPath,
  query: Record<string, string | undefined> = {},
): Promise<void> {
  const url = urlOf(path, query);
  const entry = cache.get(url) ?? fetchEntry(url, false);
  return entry.promise.then(
    () => undefined,
    () => undefined,
  );
}

/** POST a JSON body and read the JSON answer, both as the API documents `path`'s. */
export function postJson<P extends ApiPostPath>(
  path: P,
  body: PostBodyAt<P>,
): Promise<PostAnswerAt<P>>;
/**
 * `postJson` of an engine value (a scenario) read as an engine result type `T` (see `useApi`):
 * the path is a documented one; the body, the engine's own type, is checked by the API's schema.
 */
export function postJson<T>(path: ApiPostPath, body: unknown): Promise<T>;
export function postJson(path: ApiPostPath, body: unknown): Promise<unknown> {
  return postUrl<unknown>(path, body);
}

function postUrl<T>(path: string, body: unknown): Promise<T> {
  return tracked(
    (async () => {
      const res = await fetch(path, {
        method: "POST",
        headers: headers({ "Content-Type": "application/json" }),
        body: JSON.stringify(body),
      });
      if (!res.ok) throw await problemOf(res);
      return (await res.json()) as T;
    })(),
  );
}

/** A job's progress as its event stream reports it. */
export interface JobProgress {
  done: number;
  total: number;
  message?: string;
}

type JobStatus = components["schemas"]["JobStatus"];

/**
 * Submits a job, follows its progress over server-sent events and fetches its result. `what`
 * names the job kind for the sign-in hint ("Monte Carlo jobs need an analyst token").
 */
export function runJob<T>(
  kind: string,
  params: unknown,
  what: string,
  on: {
    source: (events: EventSource) => void;
    progress: (p: JobProgress) => void;
    done: (result: T) => void;
    failed: (message: string) => void;
  },
): void {
  postUrl<JobStatus>("/api/jobs", { kind, params }).then(
    (job) => {
      const es = new EventSource(job.links.events);
      on.source(es);
      es.addEventListener("progress", (e) => on.progress(JSON.parse((e as MessageEvent).data)));
      const finish = (ok: boolean) => (e: Event) => {
        es.close();
        const status = JSON.parse((e as MessageEvent).data) as JobStatus;
        on.progress(status.progress);
        if (!ok) {
          on.failed(status.error?.detail ?? status.state);
          return;
        }
        getUrl<T>(job.links.result).then(on.done, (err: ApiProblem) => on.failed(err.message));
      };
      es.addEventListener("done", finish(true));
      es.addEventListener("failed", finish(false));
      es.addEventListener("cancelled", finish(false));
    },
    (err: ApiProblem) =>
      on.failed(
        err.status === 401 || err.status === 403
          ? `${what} need an analyst token: sign in with one at the top of the page`
          : err.message,
      ),
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
}

/**
 * Loads `path` with `query` whenever either changes; `path` or `query` null loads nothing. While
 * a new answer is awaited the last one stays (with `loading` true), so a page can dim it.
 */
export function useApi<P extends ApiGetPath>(
  path: P | null,
  query?: Record<string, string | undefined> | null,
): Loaded<AnswerAt<P>>;
/**
 * `useApi` read as an engine result type `T` (the API checks at compile time that each engine
 * result agrees with the schema it documents, api/schemas.ts); the path is still a documented one.
 */
export function useApi<T>(
  path: ApiGetPath | null,
  query?: Record<string, string | undefined> | null,
): Loaded<T>;
export function useApi(
  path: ApiGetPath | null,
  query: Record<string, string | undefined> | null = {},
): Loaded<unknown> {
  return useUrl<unknown>(path, query);
}

/** `useApi` for a URL the API documents outside its paths (its own OpenAPI document). */
function useUrl<T>(
  path: string | null,
  query: Record<string, string | undefined> | null = {},
): Loaded<T> {
  const key = path === null || query === null ? null : urlOf(path, query);
  const [state, setState] = useState<Loaded<T>>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tokenTick, setTokenTick] = useState(0);
  useEffect(() => onSessionChange(() => setTokenTick((n) => n + 1)), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for path and query; tokenTick refetches after signing in or out
  useEffect(() => {
    if (path === null || query === null) {
      // No path: nothing to load. No query yet: waiting for what the query depends on.
      setState({ data: undefined, error: undefined, loading: path !== null });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    getUrl<T>(path, query).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (e: unknown) =>
        live &&
        setState({
          data: undefined,
          error: e instanceof ApiProblem ? e : new ApiProblem(0, "Network error", String(e)),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [key, tokenTick]);
  return state;
}

// ---- What this server answers, from its OpenAPI document ----

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        responses?: Record<string, unknown>;
        parameters?: { name: string; in: string; schema?: { enum?: string[] } }[];
        requestBody?: {
          content?: Record<string, { schema?: { $ref?: string } }>;
        };
      }
    >
  >;
  components?: { schemas?: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
}

export interface Capabilities {
  /** True when the server documents a 2xx answer for the route. */
  has(method: "get" | "post", path: keyof paths): boolean;
  commodities: string[];
  jobKinds: string[];
  version: string;
}

export function capabilitiesFrom(doc: OpenApiDoc & { info?: { version?: string } }): Capabilities {
  const has = (method: string, path: string) => {
    const op = doc.paths[path]?.[method];
    return op !== undefined && Object.keys(op.responses ?? {}).some((s) => s.startsWith("2"));
  };
  const control = doc.paths["/api/reports/control"]?.get;
  const commodities = control?.parameters?.find((p) => p.name === "commodity")?.schema?.enum ?? [];
  const jobKinds = doc.components?.schemas?.JobRequest?.properties?.kind?.enum ?? [];
  return { has, commodities, jobKinds, version: doc.info?.version ?? "" };
}

/** The server's capabilities (the OpenAPI document needs no token). */
export function useCapabilities(): Loaded<Capabilities> {
  const doc = useUrl<OpenApiDoc>("/openapi.json");
  return {
    data: doc.data ? capabilitiesFrom(doc.data) : undefined,
    error: doc.error,
    loading: doc.loading,
  };
}
