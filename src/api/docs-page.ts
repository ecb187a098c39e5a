/**
 * The readable API reference at /docs: rendered on the server from the OpenAPI document, with
 * no script at all (the Content-Security-Policy allows none inline), and the problem codes
 * each problem's `type` points to.
 */
import { PROBLEM_CODES, PROBLEM_STATUS } from "./problem.js";

const esc = (s: unknown) =>
  String(s ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

interface Op {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
}

/** The docs page for an OpenAPI document. */
export function docsPageFrom(doc: {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Op>>;
}): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "Other";
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ", required" : ""}) ${esc(p.description)}</li>`,
        )
        .join("");
      const body = Object.values(op.requestBody?.content ?? {})[0]?.schema?.$ref;
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description)}</li>`)
        .join("");
      const html = `<section class="op"><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}${body ? `<h4>Body</h4><p><code>${esc(body.replace("#/components/schemas/", ""))}</code> (see /openapi.json)</p>` : ""}
<h4>Responses</h4><ul>${responses}</ul></section>`;
      const list = byTag.get(tag);
      if (list) list.push(html);
      else byTag.set(tag, [html]);
    }
  }
  const sections = [...byTag.entries()]
    .map(
      ([tag, ops]) =>
        `<h2 id="${esc(tag.toLowerCase().replaceAll(" ", "-"))}">${esc(tag)}</h2>${ops.join("\n")}`,
    )
    .join("\n");
  const problems = PROBLEM_CODES.map(
    (c) =>
      `<tr id="problem-${c.toLowerCase().replaceAll("_", "-")}"><td><code>${c}</code></td><td>${PROBLEM_STATUS[c].status}</td><td>${esc(PROBLEM_STATUS[c].title)}</td></tr>`,
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}</title><link rel="stylesheet" href="/docs/style.css"></head>
<body><main><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>; create one with <code>orebook token create --role viewer|analyst|admin</code>.</p>
${sections}
<h2 id="problems">Problems</h2><p>Every error is <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code> and, for input problems, each field's <code>pointer</code>.</p>
<table><thead><tr><th>code</th><th>status</th><th>title</th></tr></thead><tbody>${problems}</tbody></table>
</main></body></html>`;
}

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f23;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1rem 2rem}h2{border-bottom:1px solid #ddd;margin-top:2.5rem}
.op{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.op h3{font-size:1rem;margin:.3rem 0}.m{display:inline-block;min-width:4.5rem;font-weight:700}
h4{margin:.5rem 0 .2rem;font-size:.9rem}code{background:#f1f1f1;padding:0 .25rem;border-radius:3px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .6rem;text-align:left}`;
