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

/** The days an ISO week date covers ("2019-W43" -> "2019-10-21 to 2019-10-27"), else null:
 *  events dated by "last week" keep the week (the server filters and sorts by its Monday). */
function weekDays(date) {
  const m = /^(\d{4})-W(\d{2})$/.exec(date || "");
  if (!m) return null;
  const jan4 = new Date(Date.UTC(+m[1], 0, 4));
  const monday = new Date(jan4.getTime() + ((+m[2] - 1) * 7 - ((jan4.getUTCDay() + 6) % 7)) * 86400000);
  const sunday = new Date(monday.getTime() + 6 * 86400000);
  return `${monday.toISOString().slice(0, 10)} to ${sunday.toISOString().slice(0, 10)}`;
}

/** An event date for a cell: the value, with a week's days as a tooltip. */
function dateCell(date, fallback) {
  const days = weekDays(date);
  return days ? el("span", {title: `the week of ${days}`}, date) : (date || fallback);
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

/** ``KEN/COP -> KEN/CVL`` (``JPN & AUS`` for a joint event) as the API labels it, with the
 *  names behind the codes on hover; an unresolved party keeps its words and badge. */
function partiesCell(e) {
  const names = e.party_names || {};
  const refs = (e.actor || []).concat(e.recipient || []);
  if (e.parties && e.parties.includes(" & ") && !refs.some(r => r && r.code === UNRESOLVED)) {
    return el("span", {class: "parties-label", title: [names.actor, names.recipient].filter(Boolean).join(" & ") || null}, e.parties);
  }
  return el("span", {class: "parties-label"},
    el("span", {class: "actor", title: names.actor || null}, sideLabel(e.actor, e.actor_codes)), " -> ",
    el("span", {class: "recipient", title: names.recipient || null}, sideLabel(e.recipient, e.recipient_codes)));
}

/** One side: ``CODE/SECTOR`` for each placed party, the words and a badge for an unresolved one. */
function sideLabel(refs, codeList) {
  const list = (refs && refs.length) ? refs : (codeList || []).map(c => ({code: c, codeOnly: true}));
  if (!list.length) return UNRESOLVED;
  const out = [];
  list.forEach((r, i) => {
    if (i) out.push(" + ");
    out.push(r && r.code === UNRESOLVED ? party(r) : `${r.code || "?"}${r.sector ? "/" + r.sector : ""}`);
  });
  return out;
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
  for (const n of target.querySelectorAll(".loading")) n.remove();   // no stale "Loading…" above it
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
  const views = {events: viewEvents, event: viewEvent, map: viewMap, timeline: viewTimeline, dyad: viewDyad,
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
  ["actor", "Actor", "text", "e.g. USA"], ["recipient", "Recipient", "text", "e.g. CHN"],
  ["type", "Types", "type"], ["quad", "Quad", "quad"], ["status", "Status", "status"],
  ["from", "From", "date"], ["to", "To", "date"], ["q", "Text", "text", "words in the evidence"],
  ["resolved_only", "Placed actors only", "check"],
];
/** Filters the list, the facets and the map take but the form does not show (set by links). */
const HIDDEN_FILTERS = ["sector", "outlet", "language", "country", "place", "article"];

function isPhone() { return window.matchMedia("(max-width: 700px)").matches; }

function filterForm(params, onSubmit, fields) {
  const form = el("form", {class: "filters", id: "filters"});
  for (const [name, label, kind, placeholder] of FILTERS) {
    if (fields && !fields.includes(name)) continue;
    let input;
    if (kind === "check") {
      input = el("input", {name, id: `f-${name}`, type: "checkbox", value: "true",
                           checked: ["true", "1", "on"].includes(String(params[name] || "").toLowerCase()),
                           title: "leave out events with an actor or recipient named but not placed (---)"});
    } else if (kind === "type") {
      // several types at once: a multiple select (Ctrl/Shift or touch to pick more)
      const chosen = String(params.type || "").split(",").filter(Boolean);
      input = el("select", {name, id: `f-${name}`, multiple: true, size: 4, "aria-describedby": "f-type-help"},
        (META ? META.types : []).map(t => el("option", {value: t.event, selected: chosen.includes(t.event)}, t.event)));
    } else if (kind === "quad" || kind === "status") {
      input = el("select", {name, id: `f-${name}`}, el("option", {value: ""}, "any"));
      const options = kind === "quad" ? Object.entries(QUAD_NAMES).map(([k, v]) => [k, `${k} ${v}`])
        : (META ? META.statuses.map(s => [s, s]) : []);
      for (const [value, text] of options) {
        const opt = el("option", {value}, text);
        if (params[name] === value) opt.selected = true;
        input.appendChild(opt);
      }
    } else if (kind === "date") {
      // a date picker; a coarser value from a link (2023 or 2023-05) stays editable as text
      const v = params[name] || "";
      const full = v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v);
      input = el("input", {name, id: `f-${name}`, type: full ? "date" : "text", value: v,
                           placeholder: full ? null : "YYYY, YYYY-MM or YYYY-MM-DD"});
    } else {
      input = el("input", {name, id: `f-${name}`, type: "text", placeholder: placeholder || "", value: params[name] || "",
                           autocomplete: "off", list: (name === "actor" || name === "recipient") ? "actor-codes" : null});
    }
    form.appendChild(el("label", {for: `f-${name}`, class: kind === "check" ? "check" : null}, el("span", {}, label), input));
  }
  for (const name of HIDDEN_FILTERS) {
    if (params[name]) form.appendChild(el("input", {type: "hidden", name, value: params[name]}));
  }
  form.appendChild(el("div", {class: "buttons"},
    el("button", {type: "submit", id: "apply"}, "Apply"),
    el("button", {type: "button", class: "secondary", onclick: () => onSubmit({})}, "Clear")));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const data = new FormData(form);
    const out = {};
    for (const key of new Set(data.keys())) out[key] = data.getAll(key).filter(v => String(v).trim() !== "").join(",");
    onSubmit(out);
  });
  if (META && META.actors) {
    form.appendChild(el("datalist", {id: "actor-codes"}, META.actors.map(c => el("option", {value: c}))));
  }
  return form;
}

/** The filter form behind a "Filters" button: open on a wide screen, closed on a phone. */
function filterBox(params, form, openWide = true) {
  const active = FILTERS.concat(HIDDEN_FILTERS.map(n => [n])).filter(([n]) => params[n]).length;
  const box = el("details", {class: "filter-box", id: "filter-box"},
    el("summary", {class: "button-like"}, "Filters", active ? ` (${active} active)` : ""), form);
  box.open = openWide && !isPhone();
  return box;
}

// ------------------------------------------------------------------ events list
const SORTABLE = {Date: "date", Type: "type", Quad: "quad", Parties: "actor", Status: "status"};
const PAGE_SIZES = [25, 50, 100, 200];
const FACET_LABELS = {type: "Type", quad: "Quad class", actor: "Actor country", recipient: "Recipient country",
                      sector: "Sector", status: "Status", outlet: "Outlet", language: "Language"};
/** Facets whose filter takes several values (a link adds one; the list is comma-separated). */
const MULTI = new Set(["type", "status"]);
const FILTER_KEYS = FILTERS.map(f => f[0]).concat(HIDDEN_FILTERS);

function listFilters(params) {
  const out = {};
  for (const k of FILTER_KEYS) if (params[k]) out[k] = params[k];
  return out;
}

function downloadLinks(path, params) {
  return ["csv", "jsonl"].map(fmt => {
    const q = new URLSearchParams(clean(Object.assign({}, params, {format: fmt, limit: "all", offset: ""}))).toString();
    return el("a", {href: `${path}?${q}`, class: "download", id: `download-${fmt}`, download: ""}, fmt.toUpperCase());
  });
}

async function viewEvents(target, params) {
  target.appendChild(el("h1", {}, "Events"));
  const size = PAGE_SIZES.includes(parseInt(params.size, 10)) ? parseInt(params.size, 10) : PAGE;
  const offset = Math.max(0, parseInt(params.offset || "0", 10) || 0);
  const filters = listFilters(params);
  const layout = el("div", {class: "list-layout"});
  const side = el("aside", {class: "facets", id: "facets", "aria-label": "counts by facet"});
  const main = el("section", {class: "list-main"});
  layout.appendChild(main);
  layout.appendChild(side);
  main.appendChild(filterBox(params, filterForm(params, p => go("events", Object.assign({size: params.size, sort: params.sort}, p)))));
  const status = el("p", {class: "muted loading", id: "result-count"}, "Loading…");
  main.appendChild(status);
  target.appendChild(layout);
  const [data, facetData] = await Promise.all([
    api("/api/events", Object.assign({}, filters, {limit: size, offset, sort: params.sort})),
    api("/api/facets", filters).catch(err => ({error: err.message}))]);
  status.remove();
  main.appendChild(listBar(data.total, offset, size, "events", params, downloadLinks("/api/events", Object.assign({}, filters, {sort: params.sort}))));
  main.appendChild(eventsTable(data.events, params));
  if (!data.events.length) main.appendChild(el("p", {class: "muted"}, "No events match these filters."));
  main.appendChild(pager(data.total, offset, size, o => go("events", Object.assign({}, params, {offset: o || ""})), "newest"));
  renderFacets(side, facetData, params);
}

/** "1–50 of 3,000 events · page [1] of 60 · rows [50] · download CSV JSONL" */
function listBar(total, offset, size, what, params, downloads) {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.floor(offset / size) + 1;
  const jump = el("form", {class: "page-jump", id: "page-jump"},
    el("label", {for: "page-number"}, "page "),
    el("input", {id: "page-number", type: "number", min: 1, max: pages, value: current, inputmode: "numeric"}),
    ` of ${pages.toLocaleString()} `, el("button", {type: "submit", class: "secondary small-button"}, "Go"));
  jump.addEventListener("submit", ev => {
    ev.preventDefault();
    const n = Math.min(pages, Math.max(1, parseInt(jump.querySelector("input").value, 10) || 1));
    go(currentView(), Object.assign({}, params, {offset: (n - 1) * size || ""}));
  });
  const sizeSelect = el("select", {id: "page-size", "aria-label": "rows per page"},
    PAGE_SIZES.map(n => el("option", {value: n, selected: n === size}, `${n} rows`)));
  sizeSelect.addEventListener("change", () => go(currentView(), Object.assign({}, params, {size: sizeSelect.value, offset: ""})));
  return el("div", {class: "list-bar", id: "list-bar"},
    el("span", {id: "result-count"}, total ? `${(offset + 1).toLocaleString()}–${Math.min(total, offset + size).toLocaleString()} of ${total.toLocaleString()} ${what}`
                                           : `0 ${what}`),
    jump, sizeSelect, el("span", {class: "downloads"}, "download ", downloads[0], " ", downloads[1]));
}

function currentView() { return parseHash().view; }

function eventsTable(events, params) {
  const sort = params.sort || "-date";
  const head = el("tr", {}, ["Date", "Type", "Quad", "Parties", "Status", "Evidence"].map(h => {
    const key = SORTABLE[h];
    if (!key) return el("th", {scope: "col"}, h);
    const on = sort.replace(/^-/, "") === key;
    const desc = sort.startsWith("-");
    const next = on ? (desc ? key : "-" + key) : (key === "date" ? "-date" : key);
    return el("th", {scope: "col", "aria-sort": on ? (desc ? "descending" : "ascending") : "none"},
      el("a", {href: hashFor("events", Object.assign({}, params, {sort: next, offset: ""})), class: "sort", "data-sort": key},
        h, on ? (desc ? " ▼" : " ▲") : ""));
  }));
  const tbody = el("tbody");
  for (const e of events) {
    tbody.appendChild(el("tr", {class: "event-row", "data-id": e.id},
      el("td", {class: "nowrap", "data-label": "Date"}, dateCell(e.date, "undated")),
      el("td", {"data-label": "Type"}, el("a", {href: `#/event/${encodeURIComponent(e.id)}`, class: "event-link"}, e.event),
         e.mode ? el("span", {class: "muted"}, ` ${e.mode}`) : null),
      el("td", {"data-label": "Quad"}, quadBadge(e.quad_code)),
      el("td", {class: "parties-cell", "data-label": "Parties"}, partiesCell(e)),
      el("td", {class: `status s-${e.status}`, "data-label": "Status"}, e.status),
      el("td", {class: "evidence", "data-label": "Evidence"}, e.event_text,
         el("div", {class: "muted small"}, e.article_title || "", e.outlet ? ` · ${e.outlet}` : ""))));
  }
  return el("table", {class: "events", id: "events-table"}, el("thead", {}, head), tbody);
}

function hashFor(view, params, arg) {
  const qs = new URLSearchParams(clean(params || {})).toString();
  return "#/" + view + (arg ? "/" + encodeURIComponent(arg) : "") + (qs ? "?" + qs : "");
}

/** Counts beside the list; each value a link that adds that filter (the URL says it). */
function renderFacets(side, data, params) {
  const box = el("details", {class: "facet-box"}, el("summary", {class: "button-like"}, "Counts by facet"));
  box.open = !isPhone();
  side.appendChild(box);
  if (!data || data.error) { box.appendChild(el("p", {class: "error"}, (data && data.error) || "no counts")); return; }
  for (const [name, values] of Object.entries(data.facets || {})) {
    if (!values.length) continue;
    const chosen = String(params[name] || "").split(",").filter(Boolean);
    const list = el("ul", {class: "facet", id: `facet-${name}`});
    for (const {value, n} of values) {
      const v = String(value);
      const on = chosen.includes(v);
      let next;
      if (on) next = chosen.filter(x => x !== v).join(",");
      else next = MULTI.has(name) ? chosen.concat([v]).join(",") : v;
      const href = hashFor("events", Object.assign({}, params, {[name]: next, offset: ""}));
      const label = name === "quad" ? `${v} ${QUAD_NAMES[v] || ""}` : v;
      list.appendChild(el("li", {class: on ? "on" : null},
        el("a", {href, "data-facet": name, "data-value": v, "aria-pressed": on ? "true" : "false",
                 title: on ? "remove this filter" : "show only these"}, on ? "✕ " : "", label),
        el("span", {class: "n"}, n.toLocaleString())));
    }
    box.appendChild(el("section", {}, el("h2", {class: "facet-title"}, FACET_LABELS[name] || name), list));
  }
}

/** Previous/next for a list; ``order`` says which way it runs, so the buttons say so. */
function pager(total, offset, size, goto, order) {
  const [back, forward] = order === "oldest" ? ["← Earlier", "Later →"]
    : order === "newest" ? ["← Newer", "Older →"] : ["← Previous", "Next →"];
  const nav = el("nav", {class: "pager", "aria-label": "pages"});
  if (offset > 0) nav.appendChild(el("button", {type: "button", id: "prev", onclick: () => goto(Math.max(0, offset - size))}, back));
  if (offset + size < total) nav.appendChild(el("button", {type: "button", id: "next", onclick: () => goto(offset + size)}, forward));
  return nav;
}

// ------------------------------------------------------------------ one event
async function viewEvent(target, params, id) {
  const data = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = data.event, a = data.article;
  target.appendChild(el("p", {}, el("a", {href: "#/events"}, "← all events")));
  target.appendChild(el("h1", {id: "event-title"}, `${e.event}${e.mode ? " (" + e.mode + ")" : ""} `, quadBadge(e.quad_code)));
  target.appendChild(el("p", {class: "who"},
    el("strong", {id: "event-parties"}, partiesCell(e)),
    " · ", e.date || "undated",
    weekDays(e.date) ? ` (week: ${weekDays(e.date)})` : e.date_precision ? ` (${e.date_precision})` : "",
    " · ", el("span", {class: `status s-${e.status}`}, e.status),
    " · confidence ", e.confidence === null ? "?" : String(e.confidence)));
  const grid = el("div", {class: "event-grid"});
  const left = el("section", {class: "article-pane"});
  left.appendChild(el("h2", {id: "article-title"}, a.title || "(untitled article)"));
  left.appendChild(el("p", {class: "muted small"},
    a.published ? `published ${a.published}` : "no publication date", " · ",
    a.url ? el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank"}, a.url) : (a.source || ""),
    " · ", el("a", {href: hashFor("article", {event: e.id}, a.id || ""), id: "to-article"}, "article page")));
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
  const order = ["evidence", "current", "mention", "trigger", "actor", "recipient", "date"];
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

// ------------------------------------------------------------------ map
let WORLD = null;   // Natural Earth 1:110m countries as SVG paths (static/world.json, shipped)
const MAP_STEPS = ["#cfe1f3", "#a9cae8", "#82b0da", "#5b93c8", "#3a76b0"];   // light → darker blue

/** Upper bounds of ``k`` classes holding about as many countries each (quantiles), so a map
 *  of similar counts still shows which countries have more. */
function quantileBreaks(values, k) {
  const v = values.slice().sort((a, b) => a - b);
  if (!v.length) return [];
  const out = [];
  for (let i = 1; i <= k; i++) {
    const b = v[Math.min(v.length - 1, Math.ceil(i * v.length / k) - 1)];
    if (!out.length || b > out[out.length - 1]) out.push(b);
  }
  return out;
}

async function world() {
  if (!WORLD) {
    const res = await fetch("/static/world.json");
    if (!res.ok) throw new Error(`the base map is missing (HTTP ${res.status})`);
    WORLD = await res.json();
  }
  return WORLD;
}

/** Events on a world map: countries shaded by how many events happened there, geocoded
 *  places as points coloured by their most common quad class (merged into clusters when
 *  they crowd), the same filters as the list. Clicking (or Enter on) a country or a point
 *  lists its events under the map. */
async function viewMap(target, params) {
  target.appendChild(el("h1", {}, "Map"));
  target.appendChild(filterBox(params, filterForm(params, p => go("map", p)), false));   // the map first
  const loading = el("p", {class: "muted loading"}, "Loading…");
  target.appendChild(loading);
  const filters = listFilters(params);
  const mapFilters = Object.assign({}, filters);
  delete mapFilters.country; delete mapFilters.place;   // the map shows every country; the pick lists one
  const [w, data] = await Promise.all([world(), api("/api/map", mapFilters)]);
  loading.remove();
  const counts = Object.fromEntries(data.countries.map(c => [c.country, c.n]));
  const breaks = quantileBreaks(data.countries.map(c => c.n), MAP_STEPS.length);
  const stepOf = n => { let i = 0; while (i < breaks.length && n > breaks[i]) i++; return Math.min(i, MAP_STEPS.length - 1); };
  const maxPoint = Math.max(1, ...data.points.map(p => p.n));
  const placed = data.countries.reduce((s, c) => s + c.n, 0);
  target.appendChild(el("p", {class: "muted", id: "map-summary"},
    `${placed.toLocaleString()} events in ${data.countries.length} countries`,
    data.points.length ? `, ${data.points.length.toLocaleString()} places` : "",
    data.unplaced ? ` · ${data.unplaced.toLocaleString()} without a known place (not on the map)` : ""));
  const list = el("section", {id: "map-events", "aria-live": "polite"});
  const pick = (p) => showPicked(list, Object.assign({}, filters, p), params);
  const root = svg("svg", {viewBox: "0 8 360 142", class: "map", id: "map", role: "group",
                           "aria-label": "events per country; Tab to a country or place, Enter lists its events"});
  const names = {};
  for (const c of w.countries) {
    names[c.iso3] = c.name;
    const n = counts[c.iso3] || 0;
    const step = n ? stepOf(n) : -1;
    const attrs = {d: c.d, class: "country" + (n ? " has-events" : ""), "data-iso3": c.iso3, fill: n ? MAP_STEPS[step] : "#ecebe6"};
    if (n) Object.assign(attrs, {tabindex: 0, role: "button", "aria-label": `${c.name}: ${n} events`});
    const path = svg("path", attrs, svg("title", {}, `${c.name}: ${n} event${n === 1 ? "" : "s"}`));
    if (n) activate(path, () => pick({country: c.iso3}));
    root.appendChild(path);
  }
  const layer = svg("g", {class: "points"});
  for (const p of clusterPoints(data.points)) {
    const r = 0.8 + 1.8 * Math.sqrt(p.n / Math.max(maxPoint, p.n));
    const label = p.places.length === 1 ? `${p.places[0].name || "a place"}: ${p.n} events`
      : `${p.places.length} places near ${p.places[0].name || "here"}: ${p.n} events`;
    const dot = svg("circle", {cx: p.x, cy: p.y, r, class: `point q${p.quad}` + (p.places.length > 1 ? " cluster" : ""),
                               tabindex: 0, role: "button", "aria-label": label, "data-n": p.n},
                    svg("title", {}, label));
    activate(dot, () => p.places.length === 1 ? pick({place: `${p.places[0].lat},${p.places[0].lon}`})
                                              : showCluster(list, p, filters, params));
    layer.appendChild(dot);
  }
  root.appendChild(layer);
  target.appendChild(el("figure", {class: "map-box"}, root, el("figcaption", {class: "legend small"},
    "Countries, events that happened there: ", MAP_STEPS.map((c, i) => breaks[i] === undefined ? null :
      [el("span", {class: `swatch step${i}`}), ` ≤${breaks[i].toLocaleString()} `]),
    " · points: places, by most common quad class ", [1, 2, 3, 4].map(q => [el("span", {class: `swatch q${q}`}), ` ${QUAD_NAMES[q]} `]),
    el("span", {class: "credit"}, " · base map: Natural Earth (public domain)"))));
  target.appendChild(list);
  if (params.country) pick({country: params.country});
  else if (params.place) pick({place: params.place});
  else list.appendChild(el("p", {class: "muted"}, "Pick a country or a point to list its events."));
  WORLD_NAMES = names;
}
let WORLD_NAMES = {};

/** Click and Enter/Space on an SVG shape (keyboard users reach it with Tab). */
function activate(node, fn) {
  node.addEventListener("click", fn);
  node.addEventListener("keydown", ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(); } });
}

/** Points closer than a grid cell merge into one (more cells when there are few points). */
function clusterPoints(points) {
  const cell = points.length > 300 ? 6 : points.length > 60 ? 3 : 0.5;
  const cells = new Map();
  for (const p of points) {
    const x = p.lon + 180, y = 90 - p.lat;
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    let c = cells.get(key);
    if (!c) { c = {sx: 0, sy: 0, n: 0, q: [0, 0, 0, 0, 0], places: []}; cells.set(key, c); }
    c.sx += x * p.n; c.sy += y * p.n; c.n += p.n;
    for (const q of [1, 2, 3, 4]) c.q[q] += p[`q${q}`] || 0;
    c.places.push(p);
  }
  return Array.from(cells.values()).map(c => ({x: c.sx / c.n, y: c.sy / c.n, n: c.n, places: c.places,
    quad: [1, 2, 3, 4].reduce((best, q) => c.q[q] > c.q[best] ? q : best, 1)}))
    .sort((a, b) => b.n - a.n);
}

function showCluster(list, cluster, filters, params) {
  clear(list);
  list.appendChild(el("h2", {}, `${cluster.places.length} places, ${cluster.n} events`));
  list.appendChild(el("ul", {class: "places"}, cluster.places.map(p => el("li", {},
    el("a", {href: hashFor("map", Object.assign({}, params, {place: `${p.lat},${p.lon}`, country: ""}))}, p.name || `${p.lat}, ${p.lon}`),
    ` ${p.country || ""} · ${p.n} events`))));
}

async function showPicked(list, filters, params) {
  clear(list);
  const what = filters.country ? (WORLD_NAMES[filters.country] || filters.country) : "this place";
  list.appendChild(el("p", {class: "muted loading"}, "Loading…"));
  try {
    const data = await api("/api/events", Object.assign({}, filters, {limit: 20}));
    clear(list);
    const place = filters.place && data.events[0] && data.events[0].geo_name;
    list.appendChild(el("h2", {id: "picked-title"}, `${place || what}: ${data.total.toLocaleString()} events`));
    list.appendChild(el("p", {}, el("a", {href: hashFor("events", filters), id: "picked-all"}, "all of them in the events list"),
      " · download ", downloadLinks("/api/events", filters)[0], " ", downloadLinks("/api/events", filters)[1]));
    list.appendChild(eventsTable(data.events, {}));
    const url = hashFor("map", Object.assign({}, params, {country: filters.country || "", place: filters.place || ""}));
    if (window.location.hash !== url) history.replaceState(null, "", url);
  } catch (err) {
    showError(list, err);
  }
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
  const first = form.querySelector(".buttons");
  form.insertBefore(selectField("f-unit", "unit", "Count", [["cluster", "happenings"], ["event", "mentions"]], params.unit || "cluster"), first);
  form.insertBefore(selectField("f-interval", "interval", "Per", ["day", "week", "month", "year"].map(v => [v, v]), interval), first);
  target.appendChild(filterBox(params, form));
  const storyNote = params.story ? el("p", {class: "notice", id: "story-note"}, "Story ", el("a", {href: "#/timeline"}, "(all events)")) : null;
  if (storyNote) target.appendChild(storyNote);
  const offset = parseInt(params.offset || "0", 10) || 0;
  const query = Object.assign({}, params, {unit, interval: unit === "event" && interval === "week" ? "month" : interval, limit: 200, offset});
  const loading = el("p", {class: "muted loading"}, "Loading…");
  target.appendChild(loading);
  const data = await api("/api/timeline", query);
  loading.remove();
  if (storyNote && data.story) {
    const st = data.story;
    const span = st.first_published === st.last_published ? (st.first_published || "undated")
      : `${st.first_published || "?"} – ${st.last_published || "?"}`;
    clear(storyNote);
    append(storyNote, ["Story: ", el("strong", {id: "story-label"}, st.label || "untitled story"),
      ` · ${st.articles || 0} articles, published ${span} `, el("a", {href: "#/timeline"}, "(all events)")]);
  }
  for (const n of notes.concat(data.notes || [])) target.appendChild(el("p", {class: "muted small"}, n));
  const evParams = listFilters(params);
  target.appendChild(el("p", {class: "muted", id: "timeline-count"},
    `${data.total.toLocaleString()} ${data.unit === "cluster" ? "happenings" : "dated event mentions"}, oldest first`,
    params.story ? "" : el("span", {class: "downloads"}, " · download the events ", downloadLinks("/api/events", Object.assign({}, evParams, {sort: "date"}))[0], " ",
      downloadLinks("/api/events", Object.assign({}, evParams, {sort: "date"}))[1])));
  target.appendChild(countChart(data.counts, data.interval, data.periods));
  const list = el("ol", {class: "timeline", id: "timeline"});
  const groups = new Map();   // one heading per period, however the rows interleave
  for (const e of data.events) {
    const period = e.period || (e.date ? `dated more coarsely than a ${data.interval}` : "undated");
    let group = groups.get(period);
    if (!group) {
      group = el("ul");
      groups.set(period, group);
      list.appendChild(el("li", {class: "period"}, el("h3", {}, period), group));
    }
    group.appendChild(el("li", {class: "tl-event"},
      el("span", {class: "nowrap tl-date"}, dateCell(e.date, `undated (published ${e.first_published || "?"})`)), " ", quadBadge(e.quad_code), " ",
      el("a", {href: `#/event/${encodeURIComponent(e.id)}`}, e.event), " ",
      el("strong", {}, parties(null, e.actor_codes)), " -> ", el("strong", {}, parties(null, e.recipient_codes)),
      e.status !== "occurred" ? el("span", {class: `status s-${e.status}`}, ` ${e.status}`) : null,
      data.unit === "cluster" ? el("span", {class: "muted small"},
        ` · ${e.outlets || 0} outlet${e.outlets === 1 ? "" : "s"}, ${e.mentions || 0} mention${e.mentions === 1 ? "" : "s"}`) : null,
      el("div", {class: "evidence small"}, e.event_text)));
  }
  target.appendChild(list);
  target.appendChild(pager(data.total, offset, 200, o => go("timeline", Object.assign({}, params, {offset: o || ""})), "oldest"));
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
  const bw = periods.length ? Math.min(48, Math.max(1, (W - left - 10) / periods.length)) : 1;
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
  return el("figure", {class: "chart-box"}, root, quadLegend(),
    dataTable("timeline-data", ["period", ...[1, 2, 3, 4].map(q => QUAD_NAMES[q]), "all"],
      periods.map((p, i) => [p, ...[1, 2, 3, 4].map(q => byPeriod[p][q] || 0), totals[i]]).filter(r => r[5])));
}

/** The numbers behind a chart as a table, folded under it: readable by keyboard and by
 *  screen readers (the SVG bars are not). */
function dataTable(id, header, rows) {
  return el("details", {class: "chart-data", id},
    el("summary", {}, `the numbers (${rows.length} rows)`),
    el("table", {class: "data"}, el("thead", {}, el("tr", {}, header.map(h => el("th", {scope: "col"}, h)))),
      el("tbody", {}, rows.map(r => el("tr", {}, r.map(v => el("td", {}, String(v))))))));
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
    el("label", {for: "d-from"}, el("span", {}, "From"), el("input", {id: "d-from", name: "from", value: params.from || "", placeholder: "e.g. 2023-01"})),
    el("label", {for: "d-to"}, el("span", {}, "To"), el("input", {id: "d-to", name: "to", value: params.to || "", placeholder: "e.g. 2024-12"})),
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
  const bw = periods.length ? Math.min(48, Math.max(1, (W - left - right) / periods.length)) : 1;
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
  const rows = [];
  periods.forEach((p, i) => {
    for (const dir of dirs) {
      const counts = [1, 2, 3, 4].map(q => data.series[dir][q][i]);
      if (counts.some(n => n)) rows.push([p, dir === "a->b" ? `${data.a} -> ${data.b}` : `${data.b} -> ${data.a}`, ...counts]);
    }
  });
  return el("figure", {class: "chart-box"}, root, quadLegend(),
    dataTable("dyad-data", ["period", "direction", ...[1, 2, 3, 4].map(q => QUAD_NAMES[q])], rows));
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
  target.appendChild(el("p", {class: "muted", id: "stories-count"}, `${data.total.toLocaleString()} stories`,
    " · download ", downloadLinks("/api/stories", {})[0], " ", downloadLinks("/api/stories", {})[1]));
  const list = el("ol", {class: "stories", id: "stories", start: offset + 1});
  for (const s of data.stories || []) {
    const span = s.first_published === s.last_published ? (s.first_published || "undated")
      : `${s.first_published || "?"} – ${s.last_published || "?"}`;
    list.appendChild(el("li", {class: "story"},
      el("a", {href: `#/timeline?story=${encodeURIComponent(s.story)}`, class: "story-link"}, s.label || "untitled story"), " ",
      el("div", {class: "muted small"}, `${s.articles} article${s.articles === 1 ? "" : "s"} · ${s.events || 0} events · published ${span}`,
        s.first_event ? ` · events ${s.first_event}${s.last_event && s.last_event !== s.first_event ? " – " + s.last_event : ""}` : "")));
  }
  target.appendChild(list);
  if (!(data.stories || []).length) target.appendChild(el("p", {class: "muted"}, "No stories yet."));
  target.appendChild(pager(data.total, offset, PAGE, o => go("stories", {offset: o || ""}), "biggest"));
}

// ------------------------------------------------------------------ articles
async function viewArticles(target, params) {
  target.appendChild(el("h1", {}, "Articles"));
  const form = el("form", {class: "filters"},
    el("label", {for: "a-q"}, el("span", {}, "Text"), el("input", {id: "a-q", name: "q", value: params.q || ""})),
    el("label", {for: "a-since"}, el("span", {}, "Published since"), el("input", {id: "a-since", name: "since", type: "date", value: params.since || ""})),
    el("button", {type: "submit"}, "Search"));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("articles", Object.fromEntries(new FormData(form).entries())); });
  target.appendChild(form);
  const offset = parseInt(params.offset || "0", 10) || 0;
  const size = PAGE_SIZES.includes(parseInt(params.size, 10)) ? parseInt(params.size, 10) : PAGE;
  const filters = {q: params.q, since: params.since};
  const data = await api("/api/articles", Object.assign({}, filters, {limit: size, offset}));
  target.appendChild(listBar(data.total, offset, size, "articles", params, downloadLinks("/api/articles", filters)));
  target.appendChild(el("ul", {class: "articles", id: "articles"}, data.articles.map(a =>
    el("li", {}, el("a", {href: `#/article/${encodeURIComponent(a.id)}`}, a.title || "(untitled)"),
       el("span", {class: "muted small"}, ` ${a.published || "undated"} · ${a.outlet || ""}`,
          a.language && a.language !== "en" ? ` · ${a.language}` : "")))));
  target.appendChild(pager(data.total, offset, size, o => go("articles", Object.assign({}, params, {offset: o || ""})), "newest"));
}

async function viewArticle(target, params, id) {
  const data = await api(`/api/articles/${encodeURIComponent(id)}`);
  const from = params.event || null;
  const a = data.article;
  target.appendChild(el("p", {}, el("a", {href: "#/articles"}, "← all articles")));
  target.appendChild(el("h1", {id: "article-title"}, a.title || "(untitled article)"));
  target.appendChild(el("p", {class: "muted small"}, a.published ? `published ${a.published}` : "no publication date",
    " · ", a.url ? el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank"}, a.url) : a.source || "",
    (a.warnings || []).length ? ` · ${a.warnings.join("; ")}` : ""));
  for (const n of data.notes || []) target.appendChild(el("p", {class: "notice", id: "article-note"}, n));
  const spans = data.events.filter(e => Number.isInteger(e.start) && Number.isInteger(e.end))
    .map(e => ({kind: e.id === from ? "current" : "evidence", start: e.start, end: e.end,
                label: e.id === from ? `${e.event} (the event you came from)` : e.event}));
  target.appendChild(highlightedBody(a.body || "", spans));
  target.appendChild(el("h2", {}, `${data.events.length} event${data.events.length === 1 ? "" : "s"}`,
    data.events.length === 0 && a.language && a.language !== "en" ? ` (not analysed: language ${a.language})` : ""));
  target.appendChild(el("ul", {id: "article-events"}, data.events.map(e => el("li", {class: e.id === from ? "current" : null,
      "aria-current": e.id === from ? "true" : null}, quadBadge(e.quad_code), " ",
    el("a", {href: `#/event/${encodeURIComponent(e.id)}`}, e.event), " ", partiesCell(e),
    e.id === from ? el("span", {class: "badge current-badge"}, "you came from here") : null,
    el("div", {class: "small evidence"}, e.event_text)))));
  const mark = target.querySelector("mark.current");
  if (mark) mark.scrollIntoView({block: "center"});
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
    el("label", {for: "i-published"}, el("span", {}, "Published"), el("input", {id: "i-published", name: "published", type: "date"})),
    el("label", {for: "i-url"}, el("span", {}, "URL"), el("input", {id: "i-url", name: "url"})),
    el("label", {for: "i-text", class: "wide"}, el("span", {}, "Text (required)"), el("textarea", {id: "i-text", name: "text", rows: 12, "aria-required": "true"})),
    el("button", {type: "submit", id: "ingest-submit"}, "Analyse and store"));
  const out = el("div", {id: "ingest-result"});
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const body = clean(Object.fromEntries(new FormData(form).entries()));
    if (!body.text) {
      clear(out);
      showError(out, new Error("Paste the article's text first: the Text box is empty."));
      form.querySelector("#i-text").focus();
      return;
    }
    clear(out).appendChild(el("p", {class: "muted loading"}, "Analysing…"));
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
