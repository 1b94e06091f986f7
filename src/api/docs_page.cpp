#include "api/docs_page.h"

namespace echotune::api {

const std::string_view kDocsPageHtml = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>EchoTune API</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#111;color:#eee}
header{padding:1rem 1.5rem;background:#1db954;color:#000}
main{padding:1rem 1.5rem;max-width:60rem}
h2{border-bottom:1px solid #333;padding-bottom:.3rem;text-transform:capitalize}
details{background:#1b1b1b;margin:.4rem 0;border-radius:6px;padding:.5rem .8rem}
summary{cursor:pointer}
.m{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#61affe}.post{color:#49cc90}.patch{color:#50e3c2}.put{color:#fca130}.delete{color:#f93e3e}
code,pre{background:#000;padding:.1rem .3rem;border-radius:4px}
pre{padding:.6rem;overflow:auto}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #333;text-align:left}
.lock{color:#fca130}
</style>
</head>
<body>
<header><h1 id="title">EchoTune API</h1><p id="desc"></p></header>
<main id="ops">Loading <a href="/api/docs/openapi.json">openapi.json</a>…</main>
<script src="/api/docs/docs.js"></script>
</body>
</html>
)html";

const std::string_view kDocsPageScript = R"js(
(async function () {
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (e[k] = v));
    kids.forEach((k) => e.append(k));
    return e;
  };
  const spec = await (await fetch('/api/docs/openapi.json')).json();
  document.getElementById('title').textContent = spec.info.title + ' ' + spec.info.version;
  document.getElementById('desc').textContent = spec.info.description;
  const groups = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      (groups[op.tags[0]] = groups[op.tags[0]] || []).push({ path, method, op });
    }
  }
  const root = document.getElementById('ops');
  root.textContent = '';
  for (const [tag, ops] of Object.entries(groups)) {
    root.append(el('h2', { textContent: tag }));
    for (const { path, method, op } of ops) {
      const head = el('summary', {},
        el('span', { className: 'm ' + method, textContent: method.toUpperCase() }),
        el('code', { textContent: path }), ' ', op.summary || '',
        op.security ? el('span', { className: 'lock', textContent: ' 🔒' }) : '');
      const body = el('div');
      if (op.parameters) {
        const t = el('table', {}, el('tr', {}, el('th', { textContent: 'name' }),
          el('th', { textContent: 'in' }), el('th', { textContent: 'type' }),
          el('th', { textContent: 'description' })));
        op.parameters.forEach((p) => t.append(el('tr', {},
          el('td', { textContent: p.name + (p.required ? ' *' : '') }),
          el('td', { textContent: p.in }), el('td', { textContent: p.schema.type }),
          el('td', { textContent: p.description || '' }))));
        body.append(t);
      }
      if (op.requestBody) {
        body.append(el('p', { textContent: 'Request body:' }),
          el('pre', { textContent: JSON.stringify(op.requestBody.content['application/json'].example, null, 2) }));
      }
      body.append(el('p', { textContent: 'Responses: ' + Object.keys(op.responses).join(', ') +
        ' · rate-limit group: ' + op['x-rate-limit-group'] }));
      root.append(el('details', {}, head, body));
    }
  }
})();
)js";

}  // namespace echotune::api
