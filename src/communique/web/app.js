// The query page: saved queries with parameter forms, a small SPARQL editor, results as a
// table with links (entity IRIs open their page on this server), downloads in every format.
// Plain JavaScript, no external code: the page works offline.
"use strict";

const ID_NS = document.querySelector('meta[name="id-namespace"]').content;
const GRAPH_NS = "https://w3id.org/communique/graph/";
const PREFIXES = {
  cq: "https://w3id.org/communique/ontology#", id: ID_NS, graph: GRAPH_NS,
  org: "http://www.w3.org/ns/org#", rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#", owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#", prov: "http://www.w3.org/ns/prov#",
  skos: "http://www.w3.org/2004/02/skos/core#",
};
const RESULT_FORMATS = ["json", "xml", "csv", "tsv"];
const GRAPH_FORMATS = ["turtle", "ntriples", "jsonld", "rdfxml"];
const SHOWN_ROWS = 2000;

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
};

function compact(iri) {
  let best = "", name = "";
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && ns.length > best.length) { best = ns; name = p; }
  }
  return best ? `${name}:${iri.slice(best.length)}` : iri;
}

function localHref(iri) {
  if (iri.startsWith(ID_NS)) {
    return "/id/" + iri.slice(ID_NS.length).split("/").map(encodeURIComponent).join("/");
  }
  if (iri.startsWith(GRAPH_NS)) return "/store?format=turtle&graph=" + encodeURIComponent(iri);
  return null;
}

function termNode(t) {
  if (!t) return "";
  if (t.type === "uri") {
    const href = localHref(t.value);
    if (href) return el("a", { href, title: t.value, class: "entity" }, compact(t.value));
    return el("span", { class: "iri", title: t.value }, compact(t.value));
  }
  if (t.type === "bnode") return el("span", { class: "bnode" }, "_:" + t.value);
  if (t.type === "triple") {
    return el("span", {}, "<< ", termNode(t.value.subject), " ", termNode(t.value.predicate),
              " ", termNode(t.value.object), " >>");
  }
  const span = el("span", { class: "lit" }, t.value);
  if (t["xml:lang"]) return el("span", {}, span, el("span", { class: "lang" }, "@" + t["xml:lang"]));
  if (t.datatype) return el("span", {}, span, el("span", { class: "dt" }, compact(t.datatype)));
  return span;
}

function setStatus(text, isError = false) {
  const s = $("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

function showDownloads(base, formats) {
  const box = $("downloads");
  box.replaceChildren();
  if (!base) return;
  box.append("Download: ");
  const sep = base.includes("?") ? "&" : "?";
  for (const f of formats) {
    box.append(el("a", { href: `${base}${sep}format=${f}&download=1`, download: "",
                         id: `download-${f}` }, f));
  }
}

function renderTable(data) {
  const vars = data.head.vars || [];
  const rows = data.results.bindings;
  const table = el("table", { class: "results", id: "result-table" });
  table.append(el("thead", {}, el("tr", {}, ...vars.map((v) => el("th", {}, v)))));
  const body = el("tbody");
  for (const row of rows.slice(0, SHOWN_ROWS)) {
    body.append(el("tr", {}, ...vars.map((v) => el("td", {}, termNode(row[v])))));
  }
  table.append(body);
  const box = $("results");
  box.replaceChildren(table);
  if (rows.length > SHOWN_ROWS) {
    box.prepend(el("p", { class: "note" },
      `Showing the first ${SHOWN_ROWS} of ${rows.length} rows; download the result for all.`));
  }
  return rows.length;
}

// Where a parser error points ("error at 3:14: …"), so the editor can select it.
function errorPosition(message) {
  const m = /at (\d+):(\d+)/.exec(message);
  return m ? { line: +m[1], column: +m[2] } : null;
}

function selectPosition(pos) {
  const ta = $("query");
  const lines = ta.value.split("\n");
  let offset = 0;
  for (let i = 0; i < Math.min(pos.line - 1, lines.length); i++) offset += lines[i].length + 1;
  offset += Math.max(0, pos.column - 1);
  ta.focus();
  ta.setSelectionRange(offset, Math.min(offset + 1, ta.value.length));
}

async function run(url, init, downloadBase, fromEditor) {
  setStatus("Running…");
  $("results").replaceChildren();
  showDownloads(null);
  const started = performance.now();
  let resp;
  try {
    resp = await fetch(url, {
      ...init,
      headers: { ...(init.headers || {}),
                 Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    });
  } catch (err) {
    setStatus(`The server did not answer: ${err}`, true);
    return;
  }
  const ms = Math.round(performance.now() - started);
  const type = resp.headers.get("content-type") || "";
  if (!resp.ok) {
    const text = await resp.text();
    setStatus(`${resp.status} ${resp.statusText}: ${text}`, true);
    const pos = fromEditor && resp.status === 400 ? errorPosition(text) : null;
    if (pos) selectPosition(pos);
    return;
  }
  if (type.includes("json")) {
    const data = await resp.json();
    if ("boolean" in data) {
      $("results").replaceChildren(el("p", { id: "boolean" }, `Answer: ${data.boolean}`));
      setStatus(`ASK answered in ${ms} ms`);
    } else {
      const n = renderTable(data);
      setStatus(`${n} row${n === 1 ? "" : "s"} in ${ms} ms`);
    }
    showDownloads(downloadBase, RESULT_FORMATS);
  } else {
    const text = await resp.text();
    const n = resp.headers.get("communique-result-rows");
    $("results").replaceChildren(el("pre", { class: "graph" }, text));
    setStatus(`${n === null ? "" : n + " triples "}in ${ms} ms`);
    showDownloads(downloadBase, GRAPH_FORMATS);
  }
}

function runEditor() {
  const query = $("query").value;
  const body = new URLSearchParams({ query });
  const base = "/sparql?" + new URLSearchParams({ query }).toString();
  run("/sparql", { method: "POST", body,
                   headers: { "Content-Type": "application/x-www-form-urlencoded" } },
      base, true);
}

function paramInput(p) {
  const type = { integer: "number", decimal: "number", date: "date" }[p.type] || "text";
  const input = el("input", { name: p.name, type, placeholder: p.description || p.type });
  if (p.type === "decimal") input.step = "any";
  if (p.default) input.value = p.default;
  if (p.required) input.required = true;
  return el("label", {}, `${p.name} `,
            el("small", {}, `(${p.type}${p.required ? ", required" : ""})`), input);
}

function savedEntry(q) {
  const form = el("form", { "data-query": q.name, id: `form-${q.name}` });
  for (const p of q.parameters) form.append(paramInput(p));
  const runBtn = el("button", { type: "submit" }, "Run");
  const editBtn = el("button", { type: "button" }, "Open in editor");
  form.append(el("div", { class: "buttons" }, runBtn, editBtn));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    const params = new URLSearchParams();
    for (const input of form.querySelectorAll("input")) {
      if (input.value !== "") params.append(input.name, input.value);
    }
    const qs = params.toString();
    const url = q.url + (qs ? "?" + qs : "");
    run(url, { method: "GET" }, url, false);
  });
  editBtn.addEventListener("click", () => {
    $("query").value = q.sparql.split("\n").filter((l) => !/^#\s*(title|description|param)\s*:/.test(l)).join("\n");
    updateGutter();
    $("query").focus();
  });
  return el("details", { class: "saved-query", id: `saved-${q.name}` },
            el("summary", {}, q.title), el("p", {}, q.description), form);
}

async function loadSaved() {
  const box = $("saved-list");
  try {
    const resp = await fetch("/queries", { headers: { Accept: "application/json" } });
    if (!resp.ok) throw new Error(`${resp.status}: ${await resp.text()}`);
    const data = await resp.json();
    box.replaceChildren(...data.queries.map(savedEntry));
  } catch (err) {
    box.replaceChildren(el("p", { class: "note" }, `Saved queries unavailable: ${err.message}`));
  }
}

function updateGutter() {
  const ta = $("query");
  const n = ta.value.split("\n").length;
  $("gutter").textContent = Array.from({ length: n }, (_, i) => i + 1).join("\n");
  $("gutter").scrollTop = ta.scrollTop;
}

function updateCursor() {
  const ta = $("query");
  const before = ta.value.slice(0, ta.selectionStart).split("\n");
  $("cursor").textContent = `${before.length}:${before[before.length - 1].length + 1}`;
}

function setupEditor() {
  const ta = $("query");
  ta.addEventListener("input", () => { updateGutter(); updateCursor(); });
  ta.addEventListener("scroll", () => { $("gutter").scrollTop = ta.scrollTop; });
  ta.addEventListener("click", updateCursor);
  ta.addEventListener("keyup", updateCursor);
  ta.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") {
      ev.preventDefault();
      runEditor();
    } else if (ev.key === "Tab" && !ev.shiftKey) {
      ev.preventDefault();
      ta.setRangeText("  ", ta.selectionStart, ta.selectionEnd, "end");
      updateGutter();
    }
  });
  $("run").addEventListener("click", runEditor);
  $("prefixes").addEventListener("click", () => {
    const missing = Object.entries(PREFIXES)
      .filter(([p]) => !new RegExp(`PREFIX\\s+${p}:`, "i").test(ta.value))
      .map(([p, ns]) => `PREFIX ${p}: <${ns}>\n`).join("");
    ta.value = missing + ta.value;
    updateGutter();
  });
  updateGutter();
}

setupEditor();
loadSaved();
