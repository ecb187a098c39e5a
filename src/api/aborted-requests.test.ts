/**
 * Clients that go away (issue 24): a real HTTP client against a real server, closing its socket
 * mid-body, while the server computes, and while a response streams. None of it is a server
 * error: nothing is logged as an error, no stack trace, and the server keeps answering.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";
import { type RunningServer, startServer } from "./server.js";

let f: Fixture;
let server: RunningServer;
beforeAll(async () => {
  f = await fixture();
  server = await startServer({ ledger: f.ledger, tokens: f.tokenStore, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await f?.close();
});

/** Everything the process writes or logs while `fn` runs, each call one entry. */
async function logsOf(fn: () => Promise<void>): Promise<string[]> {
  const logged: string[] = [];
  const keep =
    (stream: string) =>
    (...args: unknown[]) => {
      logged.push(
        `${stream}: ${args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" ")}`,
      );
    };
  const spies = [
    vi.spyOn(process.stderr, "write").mockImplementation((c: unknown) => {
      keep("stderr")(c);
      return true;
    }),
    vi.spyOn(process.stdout, "write").mockImplementation((c: unknown) => {
      keep("stdout")(c);
      return true;
    }),
    vi.spyOn(console, "error").mockImplementation(keep("error")),
    vi.spyOn(console, "warn").mockImplementation(keep("warn")),
    vi.spyOn(console, "log").mockImplementation(keep("log")),
    vi.spyOn(console, "info").mockImplementation(keep("info")),
    vi.spyOn(console, "debug").mockImplementation(keep("debug")),
  ];
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return logged;
}

/** An error logged, or a stack trace, among `logs`: what an aborted request must never give. */
const errorsIn = (logs: string[]): string[] =>
  logs.filter((l) => /^(error|warn|stderr):|\n\s+at |internal|orebook api/i.test(l));

/** Opens a socket to the server and writes `head` (and `body`, if any). */
async function send(head: string, body?: string | Buffer): Promise<Socket> {
  const socket = connect(server.port, "127.0.0.1");
  await new Promise<void>((ok, fail) => {
    socket.once("connect", ok);
    socket.once("error", fail);
  });
  socket.on("error", () => {});
  socket.write(head);
  if (body !== undefined) socket.write(body);
  return socket;
}

/** Waits until the socket has received `bytes` bytes of the answer (or ended). */
function received(socket: Socket, bytes: number): Promise<string> {
  return new Promise((ok) => {
    let got = "";
    const done = () => {
      socket.off("data", onData);
      ok(got);
    };
    const onData = (d: Buffer) => {
      got += d.toString("latin1");
      if (got.length >= bytes) done();
    };
    socket.on("data", onData);
    socket.once("close", done);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server still answers, which also gives it time to finish what the aborts left. */
async function stillServes(): Promise<void> {
  await pause(150);
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
  await pause(150);
}

const headersFor = (method: string, path: string, extra: Record<string, string | number>) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${f.tokens.analyst}\r\n${Object.entries(
    extra,
  )
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;

describe("a client that aborts a request, on a real server", () => {
  test("closing the socket halfway through an import's body logs no error and no stack", async () => {
    const json = `{"entities": [${'{"id": "x", "name": "X"},'.repeat(2000)}`;
    const csv = `id,name,kind,country\n${"abc,Abc,company,CD\n".repeat(3000)}`;
    const cases = [
      { path: "/api/import", type: "application/json", part: json },
      { path: "/api/import?format=csv&kind=entities", type: "text/csv", part: csv },
      { path: "/api/import?format=bods", type: "application/json", part: json },
    ];
    for (const { path, type, part } of cases)
      for (const framing of ["length", "chunked"] as const) {
        const logs = await logsOf(async () => {
          const s = await send(
            headersFor("POST", path, {
              "Content-Type": type,
              ...(framing === "length"
                ? { "Content-Length": part.length * 4 }
                : { "Transfer-Encoding": "chunked" }),
            }),
            framing === "length" ? part : `${part.length.toString(16)}\r\n${part}\r\n`,
          );
          await pause(50);
          s.destroy();
          await stillServes();
        });
        expect({ path, framing, errors: errorsIn(logs) }).toEqual({ path, framing, errors: [] });
      }
  });

  test("closing the socket while the server computes a comparison logs no error and no stack", async () => {
    const body = JSON.stringify({
      scenarios: ["base", { name: "Gone before the answer", baseDate: "2025-06-30" }],
      commodities: ["cobalt"],
    });
    const logs = await logsOf(async () => {
      const s = await send(
        headersFor("POST", "/api/scenarios/compare", {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
        }),
        body,
      );
      await pause(30);
      s.destroy();
      // The same comparison asked again joins the one under way (or finds it computed): once it
      // is answered, the aborted request's answer has been given to a closed socket.
      const again = await fetch(`${server.url}/api/scenarios/compare`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${f.tokens.analyst}`,
          "content-type": "application/json",
        },
        body,
      });
      expect(again.status).toBe(200);
      await stillServes();
    });
    expect(errorsIn(logs)).toEqual([]);
  });

  test("closing the socket after the first bytes of an export logs no error and no stack", async () => {
    const logs = await logsOf(async () => {
      for (const path of [
        "/api/export?format=json",
        "/api/export?format=csv&kind=stakes",
        "/api/export?format=bods",
      ]) {
        const s = await send(headersFor("GET", path, {}));
        const got = await received(s, 512);
        expect(got).toMatch(/^HTTP\/1\.1 200/);
        s.destroy();
      }
      await stillServes();
    });
    expect(errorsIn(logs)).toEqual([]);
  });

  test("closing the socket before a report not yet computed is answered logs no error and no stack", async () => {
    const logs = await logsOf(async () => {
      const s = await send(
        headersFor("GET", "/api/reports/lookthrough?entity=gecamines&asOf=2024-03-31", {}),
      );
      s.destroy();
      await stillServes();
    });
    expect(errorsIn(logs)).toEqual([]);
  });
});
