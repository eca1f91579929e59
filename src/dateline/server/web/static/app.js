/* dateline web page: vanilla JS, no network beyond this server, no innerHTML with data.
 *
 * Every piece of text from the store (article bodies, titles, actor names, explanations)
 * is untrusted. It reaches the page only through textContent / createTextNode (see el()),
 * links only through safeHref(), and charts are built with SVG DOM calls. The server's
 * Content-Security-Policy forbids inline scripts as a second line of defence.
 */
"use strict";

const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 50;
let META = null;

// ------------------------------------------------------------------ DOM helpers
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "href") node.setAttribute("href", safeHref(v));
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Only same-page hashes, site paths and http(s) URLs become links. */
function safeHref(url) {
  const s = String(url || "");
  if (s.startsWith("#") || (s.startsWith("/") && !s.startsWith("//"))) return s;
  try {
    const u = new URL(s, window.location.href);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (e) { /* not a URL */ }
  return "#";
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function app() { return document.getElementById("app"); }

function quadBadge(q) {
  return el("span", {class: `quad q${q}`, title: QUAD_NAMES[q] || ""}, `Q${q}`);
}

function codes(list) { return (list || []).join(", ") || "—"; }

/** The code of an actor the text names but the actor data cannot place (PLOVER's). */
const UNRESOLVED = "---";

/** One actor or recipient: its code, or, when unresolved, its words (greyed) with an
 *  "unresolved" badge whose tooltip gives the reason. Text only through textContent. */
function party(ref) {
  if (!ref || ref.code !== UNRESOLVED) return document.createTextNode(ref ? String(ref.code || "?") : "?");
  const kind = ref.entity_type ? ` (${ref.entity_type})` : "";
  const reason = ref.why || (ref.how || "").replace(/^unresolved:[^:]*:\s*/, "")
    || "named in the text but not in the actor data";
  const words = ref.entity_text || (ref.codeOnly ? UNRESOLVED : "nobody named");
  return el("span", {class: "party unresolved", title: `unresolved${kind}: ${reason}`},
    el("span", {class: "party-words"}, words), " ", el("span", {class: "badge unresolved-badge"}, "unresolved"));
}

/** A side of an event: its actor structs when the row has them, else its codes. */
function parties(refs, codeList) {
  const list = (refs && refs.length) ? refs : (codeList || []).map(c => ({code: c, codeOnly: true}));
  if (!list.some(r => r && r.code === UNRESOLVED)) return document.createTextNode(codes(codeList));
  const out = [];
  list.forEach((r, i) => { if (i) out.push(", "); out.push(party(r)); });
  return el("span", {class: "parties"}, out);
}

// ------------------------------------------------------------------ API
async function api(path, params) {
  const qs = params ? "?" + new URLSearchParams(clean(params)).toString() : "";
  const res = await fetch(path + qs, {headers: {"Accept": "application/json"}});
  let body = null;
  try { body = await res.json(); } catch (e) { body = {error: `HTTP ${res.status}`}; }
  if (!res.ok || res.status === 202) {   // 202: still computing (stories); say so
    const err = new Error((body && body.error) || `HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

function clean(params) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && String(v).trim() !== "") out[k] = String(v).trim();
  }
  return out;
}

function showError(target, err) {
  append(target, [el("p", {class: "error", role: "alert"}, err.message || String(err))]);
}

// ------------------------------------------------------------------ routing
function parseHash() {
  const h = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = h.split("?");
  const parts = (path || "events").split("/").map(decodeURIComponent);
  return {view: parts[0] || "events", arg: parts[1] || null, params: Object.fromEntries(new URLSearchParams(query || ""))};
}

function go(view, params, arg) {
  const qs = new URLSearchParams(clean(params || {})).toString();
  const hash = "#/" + view + (arg ? "/" + encodeURIComponent(arg) : "") + (qs ? "?" + qs : "");
  if (window.location.hash === hash) route(); else window.location.hash = hash;
}

async function route() {
  const {view, arg, params} = parseHash();
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.view === view || (view === "event" && a.dataset.view === "events")
      || (view === "article" && a.dataset.view === "articles"));
  }
  const target = clear(app());
  const views = {events: viewEvents, event: viewEvent, timeline: viewTimeline, dyad: viewDyad,
                 stories: viewStories, articles: viewArticles, article: viewArticle, ingest: viewIngest};
  const fn = views[view] || viewEvents;
  try {
    await fn(target, params, arg);
  } catch (err) {
    showError(target, err);
  }
}

// ------------------------------------------------------------------ filter form
const FILTERS = [
  ["actor", "Actor", "text", "USA"], ["recipient", "Recipient", "text", "CHN"],
  ["type", "Type", "type"], ["quad", "Quad", "quad"], ["status", "Status", "status"],
  ["from", "From", "text", "2023-01"], ["to", "To", "text", "2024-12-31"], ["q", "Text", "text", "words in the evidence"],
  ["resolved_only", "Placed actors only", "check"],
];

function filterForm(params, onSubmit, fields) {
  const form = el("form", {class: "filters", id: "filters"});
  for (const [name, label, kind, placeholder] of FILTERS) {
    if (fields && !fields.includes(name)) continue;
    let input;
    if (kind === "check") {
      input = el("input", {name, id: `f-${name}`, type: "checkbox", value: "true",
                           checked: ["true", "1", "on"].includes(String(params[name] || "").toLowerCase()),
                           title: "leave out events with an actor or recipient named but not placed (---)"});
    } else if (kind === "type" || kind === "quad" || kind === "status") {
      input = el("select", {name, id: `f-${name}`}, el("option", {value: ""}, "any"));
      const options = kind === "type" ? (META ? META.types.map(t => [t.event, t.event]) : [])
        : kind === "quad" ? Object.entries(QUAD_NAMES).map(([k, v]) => [k, `${k} ${v}`])
        : (META ? META.statuses.map(s => [s, s]) : []);
      for (const [value, text] of options) {
        const opt = el("option", {value}, text);
        if (params[name] === value) opt.selected = true;
        input.appendChild(opt);
      }
    } else {
      input = el("input", {name, id: `f-${name}`, type: "text", placeholder: placeholder || "", value: params[name] || "",
                           autocomplete: "off", list: (name === "actor" || name === "recipient") ? "actor-codes" : null});
    }
    form.appendChild(el("label", {for: `f-${name}`, class: kind === "check" ? "check" : null}, el("span", {}, label), input));
  }
  form.appendChild(el("button", {type: "submit", id: "apply"}, "Apply"));
  form.appendChild(el("button", {type: "button", class: "secondary", onclick: () => onSubmit({})}, "Clear"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    onSubmit(Object.fromEntries(new FormData(form).entries()));
  });
  if (META && META.actors) {
    form.appendChild(el("datalist", {id: "actor-codes"}, META.actors.map(c => el("option", {value: c}))));
  }
  return form;
}

// ------------------------------------------------------------------ events list
async function viewEvents(target, params) {
  target.appendChild(el("h1", {}, "Events"));
  target.appendChild(filterForm(params, p => go("events", p)));
  const offset = parseInt(params.offset || "0", 10) || 0;
  const query = Object.assign({}, params, {limit: PAGE, offset});
  const status = el("p", {class: "muted", id: "result-count"}, "Loading…");
  target.appendChild(status);
  const data = await api("/api/events", query);
  const downloads = ["csv", "jsonl"].map(fmt => {
    const q = new URLSearchParams(clean(Object.assign({}, params, {format: fmt, limit: 100000}))).toString();
    return el("a", {href: `/api/events?${q}`, class: "download"}, fmt.toUpperCase());
  });
  clear(status);
  append(status, [`${data.total.toLocaleString()} events`,
    data.total ? ` · showing ${offset + 1}–${offset + data.events.length}` : "", " · download ", downloads[0], " ", downloads[1]]);
  const table = el("table", {class: "events", id: "events-table"},
    el("thead", {}, el("tr", {}, ["Date", "Type", "Quad", "Actor", "Recipient", "Status", "Evidence"].map(h => el("th", {}, h)))));
  const tbody = el("tbody");
  for (const e of data.events) {
    tbody.appendChild(el("tr", {class: "event-row", "data-id": e.id},
      el("td", {class: "nowrap"}, e.date || "undated"),
      el("td", {}, el("a", {href: `#/event/${encodeURIComponent(e.id)}`, class: "event-link"}, e.event),
         e.mode ? el("span", {class: "muted"}, ` ${e.mode}`) : null),
      el("td", {}, quadBadge(e.quad_code)),
      el("td", {class: "actor"}, parties(e.actor, e.actor_codes)),
      el("td", {class: "recipient"}, parties(e.recipient, e.recipient_codes)),
      el("td", {class: `status s-${e.status}`}, e.status),
      el("td", {class: "evidence"}, e.event_text, el("div", {class: "muted small"}, e.article_title || ""))));
  }
  table.appendChild(tbody);
  target.appendChild(table);
  if (!data.events.length) target.appendChild(el("p", {class: "muted"}, "No events match these filters."));
  target.appendChild(pager(data.total, offset, PAGE, o => go("events", Object.assign({}, params, {offset: o || ""}))));
}

function pager(total, offset, size, goto) {
  const nav = el("div", {class: "pager"});
  if (offset > 0) nav.appendChild(el("button", {type: "button", id: "prev", onclick: () => goto(Math.max(0, offset - size))}, "← Newer"));
  if (offset + size < total) nav.appendChild(el("button", {type: "button", id: "next", onclick: () => goto(offset + size)}, "Older →"));
  return nav;
}

// ------------------------------------------------------------------ one event
async function viewEvent(target, params, id) {
  const data = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = data.event, a = data.article;
  target.appendChild(el("p", {}, el("a", {href: "#/events"}, "← all events")));
  target.appendChild(el("h1", {id: "event-title"}, `${e.event}${e.mode ? " (" + e.mode + ")" : ""} `, quadBadge(e.quad_code)));
  target.appendChild(el("p", {class: "who"},
    el("strong", {id: "event-actor"}, parties(e.actor, e.actor_codes)), " → ",
    el("strong", {id: "event-recipient"}, parties(e.recipient, e.recipient_codes)),
    " · ", e.date || "undated", e.date_precision ? ` (${e.date_precision})` : "",
    " · ", el("span", {class: `status s-${e.status}`}, e.status),
    " · confidence ", e.confidence === null ? "?" : String(e.confidence)));
  const grid = el("div", {class: "event-grid"});
  const left = el("section", {class: "article-pane"});
  left.appendChild(el("h2", {id: "article-title"}, a.title || "(untitled article)"));
  left.appendChild(el("p", {class: "muted small"},
    a.published ? `published ${a.published}` : "no publication date", " · ",
    a.url ? el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank"}, a.url) : (a.source || ""),
    " · ", el("a", {href: `#/article/${encodeURIComponent(a.id || "")}`}, "article page")));
  left.appendChild(legend());
  left.appendChild(highlightedBody(a.body || "", data.highlights || []));
  const right = el("aside", {class: "why", id: "why"});
  right.appendChild(el("h2", {}, "Why this event"));
  const dl = el("dl");
  for (const item of data.why || []) {
    dl.appendChild(el("dt", {}, item.label));
    dl.appendChild(el("dd", {}, item.value));
  }
  right.appendChild(dl);
  if ((data.article_events || []).length > 1) {
    right.appendChild(el("h3", {}, "Other events in this article"));
    right.appendChild(el("ul", {class: "siblings"}, data.article_events.filter(s => s.id !== e.id).map(s =>
      el("li", {}, quadBadge(s.quad_code), " ", el("a", {href: `#/event/${encodeURIComponent(s.id)}`}, s.event)))));
  }
  if (data.record) {
    right.appendChild(el("details", {}, el("summary", {}, "PLOVER record (JSON)"),
      el("pre", {class: "json"}, JSON.stringify(data.record, null, 2))));
  }
  grid.appendChild(left);
  grid.appendChild(right);
  target.appendChild(grid);
  const first = target.querySelector("mark.evidence");
  if (first) first.scrollIntoView({block: "center"});
}

function legend() {
  return el("p", {class: "legend small"},
    ["evidence", "trigger", "actor", "recipient", "date"].map(k => [el("mark", {class: k}, k), " "]));
}

/** The body as paragraphs, with highlight spans (code-point offsets) as nested <mark>s. */
function highlightedBody(body, highlights) {
  const chars = Array.from(body);   // code points: offsets from Python count code points
  const n = chars.length;
  // boundaries where the set of active highlights changes
  const cuts = new Set([0, n]);
  const spans = highlights.filter(h => h.start >= 0 && h.end <= n && h.start < h.end);
  for (const h of spans) { cuts.add(h.start); cuts.add(h.end); }
  for (let i = 0; i < n; i++) if (chars[i] === "\n") { cuts.add(i); cuts.add(i + 1); }
  const order = ["evidence", "mention", "trigger", "actor", "recipient", "date"];
  const points = Array.from(cuts).sort((x, y) => x - y);
  const container = el("div", {class: "article-body", id: "article-body"});
  let para = el("p");
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i], t = points[i + 1];
    const text = chars.slice(s, t).join("");
    if (text === "\n") {
      if (para.childNodes.length) { container.appendChild(para); para = el("p"); }
      continue;
    }
    const active = spans.filter(h => h.start <= s && h.end >= t)
      .sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
    let node = document.createTextNode(text);
    for (let k = active.length - 1; k >= 0; k--) {
      const m = el("mark", {class: active[k].kind, title: active[k].label});
      m.appendChild(node);
      node = m;
    }
    para.appendChild(node);
  }
  if (para.childNodes.length) container.appendChild(para);
  return container;
}

// ------------------------------------------------------------------ timeline
function selectField(id, name, label, options, value) {
  return el("label", {for: id}, el("span", {}, label), el("select", {id, name}, options.map(([v, text]) => {
    const o = el("option", {value: v}, text); if (v === value) o.selected = true; return o; })));
}

async function viewTimeline(target, params) {
  target.appendChild(el("h1", {}, "Timeline"));
  const interval = params.interval || "month";
  const narrowed = params.actor || params.recipient || params.type || params.story;
  const mentionOnly = params.quad || params.status || params.q;
  let unit = params.unit || "cluster";
  const notes = [];
  if (unit === "cluster" && (!narrowed || mentionOnly)) {
    unit = "event";
    notes.push(mentionOnly ? "Quad, status and text filters apply to event mentions: showing mentions."
                           : "Showing every event mention. Pick an actor, recipient or type to see happenings (the same event told by several articles, counted once).");
  }
  const form = filterForm(params, p => go("timeline", Object.assign({interval, story: params.story}, p)),
                          ["actor", "recipient", "type", "quad", "status", "from", "to", "q"]);
  const first = form.querySelector("button");
  form.insertBefore(selectField("f-unit", "unit", "Count", [["cluster", "happenings"], ["event", "mentions"]], params.unit || "cluster"), first);
  form.insertBefore(selectField("f-interval", "interval", "Per", ["day", "week", "month", "year"].map(v => [v, v]), interval), first);
  target.appendChild(form);
  if (params.story) target.appendChild(el("p", {class: "notice"}, `Story ${params.story} `, el("a", {href: "#/timeline"}, "(all)")));
  const offset = parseInt(params.offset || "0", 10) || 0;
  const query = Object.assign({}, params, {unit, interval: unit === "event" && interval === "week" ? "month" : interval, limit: 200, offset});
  const data = await api("/api/timeline", query);
  for (const n of notes.concat(data.notes || [])) target.appendChild(el("p", {class: "muted small"}, n));
  target.appendChild(el("p", {class: "muted", id: "timeline-count"},
    `${data.total.toLocaleString()} ${data.unit === "cluster" ? "happenings" : "dated event mentions"}`));
  target.appendChild(countChart(data.counts, data.interval, data.periods));
  const list = el("ol", {class: "timeline", id: "timeline"});
  let current, group = null;
  for (const e of data.events) {
    const period = e.period || (e.date ? `dated more coarsely than a ${data.interval}` : "undated");
    if (period !== current) {
      current = period;
      group = el("ul");
      list.appendChild(el("li", {class: "period"}, el("h3", {}, current), group));
    }
    group.appendChild(el("li", {class: "tl-event"},
      el("span", {class: "nowrap tl-date"}, e.date || `undated (published ${e.first_published || "?"})`), " ", quadBadge(e.quad_code), " ",
      el("a", {href: `#/event/${encodeURIComponent(e.id)}`}, e.event), " ",
      el("strong", {}, parties(null, e.actor_codes)), " → ", el("strong", {}, parties(null, e.recipient_codes)),
      e.status !== "occurred" ? el("span", {class: `status s-${e.status}`}, ` ${e.status}`) : null,
      data.unit === "cluster" ? el("span", {class: "muted small"},
        ` · ${e.outlets || 0} outlet${e.outlets === 1 ? "" : "s"}, ${e.mentions || 0} mention${e.mentions === 1 ? "" : "s"}`) : null,
      el("div", {class: "evidence small"}, e.event_text)));
  }
  target.appendChild(list);
  target.appendChild(pager(data.total, offset, 200, o => go("timeline", Object.assign({}, params, {offset: o || ""}))));
}

/** Stacked bars of events per period by quad class. */
function countChart(counts, interval, allPeriods) {
  const periods = allPeriods && allPeriods.length ? allPeriods : Array.from(new Set(counts.map(c => c.period))).sort();
  const byPeriod = {};
  for (const p of periods) byPeriod[p] = {};
  for (const c of counts) (byPeriod[c.period] = byPeriod[c.period] || {})[c.quad_code] = c.n;
  const totals = periods.map(p => Object.values(byPeriod[p] || {}).reduce((x, y) => x + y, 0));
  const max = Math.max(1, ...totals);
  const W = 900, H = 160, left = 40, bottom = 24, plotH = H - bottom - 8;
  const bw = periods.length ? Math.max(1, (W - left - 10) / periods.length) : 1;
  const root = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart", id: "timeline-chart", role: "img",
                           "aria-label": `events per ${interval}`});
  root.appendChild(svg("text", {x: 4, y: 12, class: "axis"}, String(max)));
  root.appendChild(svg("line", {x1: left, y1: 8 + plotH, x2: W - 5, y2: 8 + plotH, class: "axis-line"}));
  periods.forEach((p, i) => {
    let y = 8 + plotH;
    for (const q of [1, 2, 3, 4]) {
      const n = byPeriod[p][q] || 0;
      if (!n) continue;
      const h = n / max * plotH;
      y -= h;
      root.appendChild(svg("rect", {x: left + i * bw + 0.5, y, width: Math.max(0.5, bw - 1), height: h, class: `q${q}`},
        svg("title", {}, `${p}: ${n} ${QUAD_NAMES[q]}`)));
    }
  });
  const step = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((p, i) => {
    if (i % step === 0) root.appendChild(svg("text", {x: left + i * bw, y: H - 6, class: "axis"}, p));
  });
  return el("figure", {class: "chart-box"}, root, quadLegend());
}

function quadLegend() {
  return el("figcaption", {class: "legend small"}, [1, 2, 3, 4].map(q =>
    [el("span", {class: `swatch q${q}`}), ` ${QUAD_NAMES[q]} `]));
}

// ------------------------------------------------------------------ dyad
async function viewDyad(target, params) {
  target.appendChild(el("h1", {}, "Dyad"));
  const a = params.a || "USA", b = params.b || "CHN", interval = params.interval || "month", unit = params.unit || "cluster";
  const form = el("form", {class: "filters", id: "dyad-form"},
    el("label", {for: "d-a"}, el("span", {}, "Actor A"), el("input", {id: "d-a", name: "a", value: a, list: "actor-codes", autocomplete: "off"})),
    el("label", {for: "d-b"}, el("span", {}, "Actor B"), el("input", {id: "d-b", name: "b", value: b, list: "actor-codes", autocomplete: "off"})),
    selectField("d-unit", "unit", "Count", [["cluster", "happenings"], ["event", "mentions"]], unit),
    selectField("d-interval", "interval", "Per", ["day", "week", "month", "year"].map(v => [v, v]), interval),
    el("label", {for: "d-from"}, el("span", {}, "From"), el("input", {id: "d-from", name: "from", value: params.from || "", placeholder: "2023-01"})),
    el("label", {for: "d-to"}, el("span", {}, "To"), el("input", {id: "d-to", name: "to", value: params.to || "", placeholder: "2024-12"})),
    el("button", {type: "submit", id: "dyad-apply"}, "Show"));
  if (META && META.actors) form.appendChild(el("datalist", {id: "actor-codes"}, META.actors.map(c => el("option", {value: c}))));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("dyad", Object.fromEntries(new FormData(form).entries())); });
  target.appendChild(form);
  const data = await api("/api/dyad", {a, b, interval, unit, from: params.from, to: params.to});
  const total = Object.values(data.series).reduce((s, d) => s + Object.values(d).reduce((x, arr) => x + arr.reduce((p, q) => p + q, 0), 0), 0);
  target.appendChild(el("p", {class: "muted", id: "dyad-summary"},
    `${total} ${data.unit === "cluster" ? "happenings" : "event mentions"} between ${data.a} and ${data.b}, per ${data.interval}`,
    data.unit === "event" ? " (occurred, ongoing or planned)" : ""));
  for (const n of data.notes || []) target.appendChild(el("p", {class: "muted small"}, n));
  target.appendChild(dyadChart(data));
}

/** A → B as stacked bars above the axis, B → A below it, one column per period. */
function dyadChart(data) {
  const periods = data.periods;
  const W = 900, H = 340, left = 80, right = 10, mid = H / 2, half = mid - 30;
  const dirs = Object.keys(data.series);
  const totalAt = (dir, i) => [1, 2, 3, 4].reduce((s, q) => s + data.series[dir][q][i], 0);
  let max = 1;
  for (const dir of dirs) for (let i = 0; i < periods.length; i++) max = Math.max(max, totalAt(dir, i));
  const bw = periods.length ? Math.max(1, (W - left - right) / periods.length) : 1;
  const root = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart", id: "dyad-chart", role: "img",
                           "aria-label": `quad classes over time between ${data.a} and ${data.b}`});
  root.appendChild(svg("text", {x: 4, y: mid - half / 2, class: "axis dir"}, `${data.a} → ${data.b}`));
  if (dirs.includes("b->a")) root.appendChild(svg("text", {x: 4, y: mid + half / 2, class: "axis dir"}, `${data.b} → ${data.a}`));
  root.appendChild(svg("text", {x: left - 6, y: mid - half + 10, class: "axis", "text-anchor": "end"}, String(max)));
  root.appendChild(svg("line", {x1: left - 3, y1: mid - half, x2: left, y2: mid - half, class: "axis-line"}));
  if (dirs.includes("b->a")) {
    root.appendChild(svg("text", {x: left - 6, y: mid + half, class: "axis", "text-anchor": "end"}, String(max)));
    root.appendChild(svg("line", {x1: left - 3, y1: mid + half, x2: left, y2: mid + half, class: "axis-line"}));
  }
  root.appendChild(svg("line", {x1: left, y1: mid - half, x2: left, y2: mid + (dirs.includes("b->a") ? half : 0), class: "axis-line"}));
  root.appendChild(svg("line", {x1: left, y1: mid, x2: W - right, y2: mid, class: "axis-line"}));
  periods.forEach((p, i) => {
    for (const dir of dirs) {
      let acc = 0;
      for (const q of [1, 2, 3, 4]) {
        const n = data.series[dir][q][i];
        if (!n) continue;
        const h = n / max * half;
        const y = dir === "a->b" ? mid - acc - h : mid + acc;
        acc += h;
        const who = dir === "a->b" ? `${data.a} → ${data.b}` : `${data.b} → ${data.a}`;
        root.appendChild(svg("rect", {x: left + i * bw + 0.5, y, width: Math.max(0.5, bw - 1), height: h,
                                      class: `bar q${q}`, "data-period": p, "data-quad": q},
          svg("title", {}, `${p} ${who}: ${n} ${QUAD_NAMES[q]}`)));
      }
    }
  });
  const step = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((p, i) => {
    if (i % step === 0) root.appendChild(svg("text", {x: left + i * bw, y: H - 4, class: "axis"}, p));
  });
  if (!periods.length) root.appendChild(svg("text", {x: W / 2, y: mid - 10, class: "axis", "text-anchor": "middle"}, "no events for this pair"));
  return el("figure", {class: "chart-box"}, root, quadLegend());
}

// ------------------------------------------------------------------ stories
async function viewStories(target, params, arg, attempt) {
  target.appendChild(el("h1", {}, "Stories"));
  const offset = parseInt(params.offset || "0", 10) || 0;
  let res;
  try {
    res = await fetch("/api/stories?" + new URLSearchParams({limit: PAGE, offset}).toString());
  } catch (err) { showError(target, err); return; }
  const data = await res.json().catch(() => ({error: `HTTP ${res.status}`}));
  if (res.status === 202 && (attempt || 0) < 60) {
    target.appendChild(el("p", {class: "notice", id: "stories-status"}, data.error, " (waiting…)"));
    setTimeout(() => { if (parseHash().view === "stories") { clear(target); viewStories(target, params, arg, (attempt || 0) + 1); } }, 3000);
    return;
  }
  if (!res.ok) {
    target.appendChild(el("p", {class: res.status === 501 ? "notice" : "error", id: "stories-status"}, data.error || `HTTP ${res.status}`));
    return;
  }
  target.appendChild(el("p", {class: "muted", id: "stories-count"}, `${data.total.toLocaleString()} stories`));
  const list = el("ol", {class: "stories", id: "stories", start: offset + 1});
  for (const s of data.stories || []) {
    const span = s.first_published === s.last_published ? (s.first_published || "undated")
      : `${s.first_published || "?"} – ${s.last_published || "?"}`;
    list.appendChild(el("li", {class: "story"},
      el("a", {href: `#/timeline?story=${encodeURIComponent(s.story)}`, class: "story-link"}, s.label || s.story), " ",
      el("div", {class: "muted small"}, `${s.articles} article${s.articles === 1 ? "" : "s"} · ${s.events || 0} events · published ${span}`,
        s.first_event ? ` · events ${s.first_event}${s.last_event && s.last_event !== s.first_event ? " – " + s.last_event : ""}` : "")));
  }
  target.appendChild(list);
  if (!(data.stories || []).length) target.appendChild(el("p", {class: "muted"}, "No stories yet."));
  target.appendChild(pager(data.total, offset, PAGE, o => go("stories", {offset: o || ""})));
}

// ------------------------------------------------------------------ articles
async function viewArticles(target, params) {
  target.appendChild(el("h1", {}, "Articles"));
  const form = el("form", {class: "filters"},
    el("label", {for: "a-q"}, el("span", {}, "Text"), el("input", {id: "a-q", name: "q", value: params.q || ""})),
    el("label", {for: "a-since"}, el("span", {}, "Since"), el("input", {id: "a-since", name: "since", value: params.since || "", placeholder: "2024-01-01"})),
    el("button", {type: "submit"}, "Search"));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("articles", Object.fromEntries(new FormData(form).entries())); });
  target.appendChild(form);
  const offset = parseInt(params.offset || "0", 10) || 0;
  const data = await api("/api/articles", Object.assign({}, params, {limit: PAGE, offset}));
  target.appendChild(el("p", {class: "muted"}, `${data.total.toLocaleString()} articles`));
  target.appendChild(el("ul", {class: "articles", id: "articles"}, data.articles.map(a =>
    el("li", {}, el("a", {href: `#/article/${encodeURIComponent(a.id)}`}, a.title || "(untitled)"),
       el("span", {class: "muted small"}, ` ${a.published || "undated"} · ${a.source || ""}`)))));
  target.appendChild(pager(data.total, offset, PAGE, o => go("articles", Object.assign({}, params, {offset: o || ""}))));
}

async function viewArticle(target, params, id) {
  const data = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = data.article;
  target.appendChild(el("p", {}, el("a", {href: "#/articles"}, "← all articles")));
  target.appendChild(el("h1", {id: "article-title"}, a.title || "(untitled article)"));
  target.appendChild(el("p", {class: "muted small"}, a.published ? `published ${a.published}` : "no publication date",
    " · ", a.url ? el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank"}, a.url) : a.source || "",
    (a.warnings || []).length ? ` · ${a.warnings.join("; ")}` : ""));
  const spans = data.events.filter(e => Number.isInteger(e.start) && Number.isInteger(e.end))
    .map(e => ({kind: "evidence", start: e.start, end: e.end, label: e.event}));
  target.appendChild(highlightedBody(a.body || "", spans));
  target.appendChild(el("h2", {}, `${data.events.length} events`));
  target.appendChild(el("ul", {id: "article-events"}, data.events.map(e => el("li", {}, quadBadge(e.quad_code), " ",
    el("a", {href: `#/event/${encodeURIComponent(e.id)}`}, e.event), " ", parties(e.actor, e.actor_codes), " → ",
    parties(e.recipient, e.recipient_codes),
    el("div", {class: "small evidence"}, e.event_text)))));
}

// ------------------------------------------------------------------ ingest
async function viewIngest(target) {
  target.appendChild(el("h1", {}, "Add an article"));
  if (META && META.read_only) {
    target.appendChild(el("p", {class: "notice"}, "This server is read-only."));
    return;
  }
  const form = el("form", {class: "ingest", id: "ingest-form"},
    el("label", {for: "i-title"}, el("span", {}, "Title"), el("input", {id: "i-title", name: "title"})),
    el("label", {for: "i-published"}, el("span", {}, "Published"), el("input", {id: "i-published", name: "published", placeholder: "2024-05-01"})),
    el("label", {for: "i-url"}, el("span", {}, "URL"), el("input", {id: "i-url", name: "url"})),
    el("label", {for: "i-text", class: "wide"}, el("span", {}, "Text"), el("textarea", {id: "i-text", name: "text", rows: 12})),
    el("button", {type: "submit", id: "ingest-submit"}, "Analyse and store"));
  const out = el("div", {id: "ingest-result"});
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    clear(out).appendChild(el("p", {class: "muted"}, "Analysing…"));
    const body = clean(Object.fromEntries(new FormData(form).entries()));
    try {
      const res = await fetch("/api/articles", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
      const data = await res.json();
      clear(out);
      if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
      out.appendChild(el("p", {}, data.duplicate ? "Already stored: " : "Stored: ",
        el("a", {href: `#/article/${encodeURIComponent(data.article_id)}`}, data.article_id), ` · ${data.events} events`));
    } catch (err) {
      clear(out);
      showError(out, err);
    }
  });
  target.appendChild(form);
  target.appendChild(out);
}

// ------------------------------------------------------------------ start
async function start() {
  try {
    META = await api("/api/meta");
    const info = document.getElementById("store-info");
    info.textContent = META.read_only ? "read-only" : "";
    if (META.read_only) document.getElementById("nav-ingest").hidden = true;
  } catch (err) {
    META = {types: [], statuses: [], actors: []};
  }
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "1";
}

start();
