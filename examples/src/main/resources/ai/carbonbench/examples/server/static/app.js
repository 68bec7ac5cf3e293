// CarbonBench dashboard: a small, dependency-free script over the JSON API.
// Every value from the API reaches the page through textContent or setAttribute: no HTML is ever parsed from data.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var state = { sort: "carbon", family: "", provider: "", euOnly: false, selected: null, selectedRow: null,
    rows: [], page: 0, pageSize: 50, models: [], boundary: "", boundaries: [], lastModel: "" };
  var boardRequest = 0;
  var chartRequest = 0;
  var recommendRequest = 0;

  function $(id) { return document.getElementById(id); }

  // el("td", {class: "num"}, "text", childNode…): children that are strings become text nodes.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    node.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  // The one number format of the page: three significant digits, trailing zeros kept so that a column
  // reads alike (20.4, 35.0, 0.760, $2.20); the CLI and the insight round to the same digits.
  function num(v) {
    if (v === null || v === undefined) { return "–"; }
    if (v === 0) { return "0"; }
    return v.toLocaleString("en-US", { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
  }

  // Percentages are whole numbers, as the insight words them ("55% below the median").
  function pct(v) { return Math.round(v) + "%"; }

  // Money: three significant digits, and always whole cents ($0.05, $2.20, $0.128).
  function usd(v) {
    var r = Number(v.toPrecision(3));
    var decimals = (String(r).split(".")[1] || "").length;
    return "$" + r.toLocaleString("en-US", { minimumFractionDigits: Math.max(2, decimals), maximumFractionDigits: Math.max(2, decimals) });
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function hour(h) { return (h < 10 ? "0" : "") + h + ":00"; }

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== "" && params[k] !== false && params[k] !== null; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
  }

  // Resolves to {ok, status, body}; a body that is not JSON becomes an error body.
  function getJson(path, params) {
    var q = params ? query(params) : "";
    return fetch(path + (q ? "?" + q : ""), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; },
          function () { return { ok: false, status: r.status, body: { error: "unreadable answer", suggestions: [] } }; });
      }, function () {
        return { ok: false, status: 0, body: { error: "the server cannot be reached", suggestions: [] } };
      });
  }

  function status(id, text, isError) {
    var node = $(id);
    node.textContent = text;
    node.classList.toggle("error", !!isError);
  }

  function narrow() { return window.matchMedia("(max-width: 1100px)").matches; }

  // ---- about: filters, autocomplete and footer -------------------------------------------------

  function loadAbout() {
    getJson("/api/about").then(function (r) {
      if (!r.ok) { return; }
      var a = r.body;
      // Only models that can be run: the catalog's offerings leave retired ones out, models without any are not listed.
      state.models = a.models.filter(function (m) { return m.live !== false; });
      var families = {};
      var list = $("model-list");
      state.models.forEach(function (m) {
        families[m.family] = true;
        list.appendChild(el("option", { value: m.name }, m.id));
        if (m.name !== m.id) { list.appendChild(el("option", { value: m.id }, m.name)); }
      });
      var select = $("family");
      Object.keys(families).sort().forEach(function (f) { select.appendChild(el("option", { value: f }, f)); });
      var input = Math.round(a.inputShare * 100);
      $("mix").textContent = input + "% input and " + (100 - input) + "% output tokens";
      $("data-version").textContent = "Catalog data of " + a.dataVersion + "; grid data from " + a.gridSource
        + "; emission factors: " + a.emissionFactor + ".";
      state.boundaries = a.boundaries || [];
      boundaryControls(a);
      var legend = $("legend");
      Object.keys(a.provenance).forEach(function (k) {
        legend.appendChild(el("dt", null, k.toLowerCase()));
        legend.appendChild(el("dd", null, a.provenance[k]));
      });
      var sources = $("sources");
      a.sources.forEach(function (s) {
        var li = el("li", { "data-source": s.id }, s.publisher + ", " + s.dataset + " (" + s.year + "). Licence: " + s.licence + ".");
        if (s.url && /^https:\/\//.test(s.url)) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("a", { href: s.url, rel: "noopener noreferrer" }, "source"));
        }
        sources.appendChild(li);
      });
    });
    getJson("/api/providers").then(function (r) {
      if (!r.ok) { return; }
      var select = $("provider");
      r.body.forEach(function (p) { select.appendChild(el("option", { value: p.id }, p.name)); });
    });
  }

  // ---- accounting boundary: what every gram on the page counts ------------------------------------

  // The selector's labels and one-line explanations, and the footer's statement, for the boundary of answer a.
  function boundaryControls(a) {
    var select = $("boundary-select");
    state.boundaries.forEach(function (b) {
      var option = select.querySelector("option[value='" + b.id + "']");
      if (option) {
        option.textContent = b.id === "gpu" ? "GPU" : b.id.charAt(0).toUpperCase() + b.id.slice(1);
        if (b["default"]) { option.textContent += " (default)"; }
        option.setAttribute("title", b.summary);
      }
    });
    select.value = a.boundary;
    var current = state.boundaries.filter(function (b) { return b.id === a.boundary; })[0];
    $("boundary-help").textContent = current ? current.summary : "";
    var isDefault = current && current["default"];
    $("boundary").textContent = "Boundary: " + a.boundary + (isDefault ? " (default)" : "") + ". " + a.boundaryText;
    $("boundary").setAttribute("data-boundary", a.boundary);
  }

  // Another boundary: the footer, the table, the box and its insight are asked again at it; the chart
  // (grid intensity per kWh, the same at every boundary) is redrawn for the selected row.
  function setBoundary(id) {
    state.boundary = id;
    getJson("/api/about", { boundary: id }).then(function (r) {
      if (r.ok && r.body.boundary === state.boundary) { boundaryControls(r.body); }
    });
    loadBoard();
    if (state.lastModel) { recommend(state.lastModel, false); }
    if (state.selectedRow) { loadChart(state.selectedRow); }
  }

  // An id, display name or alias typed in the box, as the model's id; the input itself when nothing matches
  // (the API then answers with the closest ids).
  function modelId(text) {
    var t = text.trim().toLowerCase();
    for (var i = 0; i < state.models.length; i++) {
      var m = state.models[i];
      if (m.id === t || m.name.toLowerCase() === t
        || m.aliases.some(function (x) { return x.toLowerCase() === t; })) { return m.id; }
    }
    return text.trim();
  }

  // ---- leaderboard --------------------------------------------------------------------------

  var SORT_LABEL = { carbon: "carbon (lowest first)", cost: "price (lowest first)", speed: "speed (fastest first)" };

  function setSort(sort) {
    state.sort = sort;
    document.querySelectorAll("th.sortable").forEach(function (th) {
      var active = th.getAttribute("data-sort") === sort;
      th.setAttribute("aria-sort", active ? (sort === "speed" ? "descending" : "ascending") : "none");
    });
    loadBoard();
  }

  function loadBoard() {
    var mine = ++boardRequest;
    status("board-status", "Loading…");
    getJson("/api/leaderboard", { family: state.family, provider: state.provider, eu_only: state.euOnly,
      sort: state.sort, boundary: state.boundary }).then(function (r) {
      if (mine !== boardRequest) { return; } // a newer request is on its way
      var parts = [state.family && ("family " + state.family), state.provider && ("provider " + state.provider),
        state.euOnly && "EU only"].filter(Boolean);
      $("board-caption").textContent = "Options ranked by " + SORT_LABEL[state.sort]
        + (parts.length ? " — " + parts.join(", ") : "");
      if (!r.ok) {
        state.rows = [];
        renderPage();
        status("board-status", "Error: " + r.body.error, true);
        return;
      }
      state.rows = r.body;
      state.page = 0;
      if (r.body.length) {
        $("board-caption").textContent += " · " + r.body[0].boundary + " boundary";
        $("leaderboard").setAttribute("data-boundary", r.body[0].boundary);
      }
      renderPage();
      dataStatus(r.body);
    });
  }

  function pages() {
    return state.pageSize === 0 ? 1 : Math.max(1, Math.ceil(state.rows.length / state.pageSize));
  }

  function renderPage() {
    var tbody = document.querySelector("#leaderboard tbody");
    clear(tbody);
    var n = state.rows.length;
    var from = state.pageSize === 0 ? 0 : state.page * state.pageSize;
    var to = state.pageSize === 0 ? n : Math.min(n, from + state.pageSize);
    for (var i = from; i < to; i++) { tbody.appendChild(row(state.rows[i], i + 1)); }
    $("page-prev").disabled = state.page === 0;
    $("page-next").disabled = state.page >= pages() - 1;
    $("page-info").textContent = n === 0 ? "" : "Rows " + (from + 1) + "–" + to + " of " + n
      + (pages() > 1 ? " (page " + (state.page + 1) + " of " + pages() + ")" : "");
    if (n === 0) {
      status("board-status", "No option matches these filters.");
    } else {
      var unknown = state.rows.filter(function (o) { return o.tokensPerSecond === null; }).length;
      status("board-status", "Showing " + plural(n, "option", "options") + ", intensity "
        + state.rows[0].provenance.toLowerCase() + " at " + state.rows[0].at.slice(0, 16).replace("T", " ") + " UTC"
        + (unknown ? "; speed unknown for " + unknown + " of them." : "."));
    }
  }

  function goPage(delta) {
    state.page = Math.min(pages() - 1, Math.max(0, state.page + delta));
    renderPage();
  }

  // The footer says whether the numbers on the page rest on live, stale or default grid data.
  function dataStatus(rows) {
    var counts = {};
    rows.forEach(function (o) { counts[o.provenance] = (counts[o.provenance] || 0) + 1; });
    var node = $("data-status");
    var words = Object.keys(counts).sort().map(function (k) { return counts[k] + " " + k.toLowerCase(); });
    var weak = (counts.DEFAULT || 0) + (counts.STALE || 0);
    node.textContent = rows.length === 0 ? "" : "Grid intensities of these " + plural(rows.length, "option", "options")
      + ": " + words.join(", ") + "."
      + (weak ? " Default means the embedded typical profile (no live value); stale means an old live reading." : "");
    node.classList.toggle("warn", weak > 0);
  }

  function servedFrom(o) {
    return o.servedFrom ? o.servedFrom.map(function (r) { return o.provider + "/" + r; }) : null;
  }

  function row(o, rank) {
    var where = o.provider + "/" + o.region;
    var speed = o.tokensPerSecond === null
      ? el("span", { class: "unknown", title: "no public speed figure for this offering" }, "–")
      : num(o.tokensPerSecond);
    var tr = el("tr", { tabindex: 0, "data-model": o.model, "data-family": o.family, "data-provider": o.provider,
      "data-region": where, "data-zone": o.zone, "data-intensity": o.intensityGramsPerKwh,
      "data-grams": o.gramsPerMillionTokens, "data-usd": o.usdPerMillionTokens,
      "data-speed": o.tokensPerSecond === null ? "" : o.tokensPerSecond,
      "data-served-from": o.servedFrom ? servedFrom(o).join(" ") : "" },
      el("td", { class: "num" }, rank),
      el("td", { class: "id" }, o.model, el("br"), el("span", { class: "sub" }, o.family + " · " + o.energyBasis),
        el("span", { class: "sub where-inline" }, " · " + where)),
      el("td", { class: "id where" }, where, o.servedFrom ? el("span", { class: "sub" }, " (cross-region)") : null,
        el("br"), el("span", { class: "sub" }, o.country + " · " + o.zone)),
      el("td", { class: "num intensity" }, num(o.intensityGramsPerKwh)),
      el("td", { class: "num" }, el("strong", null, num(o.gramsPerMillionTokens))),
      el("td", { class: "num range" }, num(o.gramsLow) + "–" + num(o.gramsHigh)),
      el("td", { class: "num" }, usd(o.usdPerMillionTokens)),
      el("td", { class: "num speed" }, speed));
    if (state.selected === where) { tr.classList.add("selected"); }
    tr.addEventListener("click", function () { select(tr, o); });
    tr.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); select(tr, o); }
    });
    return tr;
  }

  function select(tr, o) {
    state.selected = o.provider + "/" + o.region;
    state.selectedRow = o;
    document.querySelectorAll("#leaderboard tbody tr.selected").forEach(function (r) { r.classList.remove("selected"); });
    tr.classList.add("selected");
    loadChart(o);
    if (narrow()) {
      // One column: the chart is below the table, so bring it into view.
      $("chart-panel").scrollIntoView({ block: "start" });
    }
  }

  // ---- 24-hour chart ------------------------------------------------------------------------

  // A row's curve: its region's, or for a cross-region offering the mean of the regions it may run in
  // (the blend its number is computed from), with each member drawn and labelled.
  function loadChart(o) {
    var mine = ++chartRequest;
    var where = o.provider + "/" + o.region;
    var members = servedFrom(o) || [where];
    status("chart-status", "Loading " + where + "…");
    Promise.all(members.map(function (m) { return getJson("/api/intensity", { region: m }); })).then(function (answers) {
      if (mine !== chartRequest) { return; }
      var box = $("chart");
      clear(box);
      var failed = answers.filter(function (a) { return !a.ok; })[0];
      if (failed) {
        status("chart-status", "Error: " + failed.body.error, true);
        return;
      }
      var curves = answers.map(function (a) { return a.body; });
      var c = members.length === 1 ? curves[0] : blend(curves, o);
      status("chart-status", (members.length === 1 ? where : where + " (cross-region: the mean of "
        + members.length + " regions)") + ", gCO₂e per kWh by UTC hour");
      box.appendChild(chart(c, where, members.length === 1 ? [] : curves));
      box.appendChild(el("p", { class: "chart-facts" }, facts(c)));
      if (members.length > 1) {
        var ul = el("ul", { class: "chart-members" });
        curves.forEach(function (m) {
          ul.appendChild(el("li", { "data-member": m.provider + "/" + m.region }, "may run in " + m.provider + "/" + m.region
            + " (zone " + m.zone + (m.flat ? ", no hourly data" : "") + "): now " + num(m.points[0].gramsPerKwh)
            + " gCO₂e/kWh"));
        });
        box.appendChild(ul);
      }
    });
  }

  // The SDK's trust ranking (Provenance.trust): a blend carries the weakest provenance of its members.
  var TRUST = { DEFAULT: 1, STALE: 2, FORECAST: 3, HISTORY: 3, LIVE: 4, OVERRIDE: 4 };

  function weakest(provenances) {
    return provenances.reduce(function (a, b) { return TRUST[b] < TRUST[a] ? b : a; });
  }

  function blend(curves, o) {
    var n = curves[0].points.length;
    var points = [];
    for (var i = 0; i < n; i++) {
      var sum = 0;
      curves.forEach(function (c) { sum += c.points[i].gramsPerKwh; });
      points.push({ utcHour: curves[0].points[i].utcHour, at: curves[0].points[i].at, gramsPerKwh: sum / curves.length,
        provenance: weakest(curves.map(function (c) { return c.points[i].provenance; })) });
    }
    var flat = curves.every(function (c) { return c.flat; });
    var values = points.map(function (p) { return p.gramsPerKwh; });
    var min = Math.min.apply(null, values);
    var minIndex = values.indexOf(min);
    return { provider: o.provider, region: o.region, zone: curves.map(function (c) { return c.zone; }).join(", "),
      flat: flat, points: points, minimumHourUtc: flat ? null : points[minIndex].utcHour, minimumGramsPerKwh: min,
      maximumGramsPerKwh: Math.max.apply(null, values),
      averageGramsPerKwh: values.reduce(function (a, b) { return a + b; }, 0) / values.length };
  }

  function facts(c) {
    if (c.flat) {
      return "No hourly data: the annual average, " + num(c.points[0].gramsPerKwh) + " gCO₂e/kWh, applies at every hour."
        + " Zone " + c.zone + ", source " + c.points[0].provenance.toLowerCase() + ".";
    }
    return "Lowest " + num(c.minimumGramsPerKwh) + " gCO₂e/kWh at " + hour(c.minimumHourUtc) + " UTC; highest "
      + num(c.maximumGramsPerKwh) + ", average " + num(c.averageGramsPerKwh) + ". Zone " + c.zone + ", source "
      + c.points[0].provenance.toLowerCase() + ".";
  }

  function chart(c, where, members) {
    var W = 400, H = 200, left = 40, right = 8, top = 28, bottom = 24;
    var max = Math.max(c.maximumGramsPerKwh, 1);
    members.forEach(function (m) { max = Math.max(max, m.maximumGramsPerKwh); });
    var n = c.points.length;
    var step = (W - left - right) / n;
    var y = function (v) { return top + (H - top - bottom) * (1 - v / max); };
    var title = "Grid intensity for " + where + " (zone " + c.zone + ") by UTC hour; "
      + (c.flat ? "no hourly data" : "lowest " + num(c.minimumGramsPerKwh) + " gCO2e/kWh at " + hour(c.minimumHourUtc) + " UTC");
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "chart-title",
      "data-region": where, "data-flat": c.flat, "data-minimum-hour": c.flat ? "" : c.minimumHourUtc,
      "data-blend": members.length > 0 });
    root.appendChild(svg("title", { id: "chart-title" }, title));
    [0, max / 2, max].forEach(function (v) {
      root.appendChild(svg("line", { x1: left - 3, x2: W - right, y1: y(v), y2: y(v), class: "baseline" }));
      root.appendChild(svg("text", { x: left - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, num(v)));
    });
    var lowestDone = c.flat; // a flat curve has no lowest hour
    c.points.forEach(function (p, i) {
      // The first point at the minimum hour is the one marked (the API's minimum is the earliest of equals).
      var isLowest = !lowestDone && p.utcHour === c.minimumHourUtc;
      lowestDone = lowestDone || isLowest;
      var x = left + i * step + 1;
      var bar = svg("rect", { x: x, y: y(p.gramsPerKwh), width: Math.max(step - 2, 1),
        height: Math.max(y(0) - y(p.gramsPerKwh), 0.5), class: isLowest ? "bar lowest" : "bar",
        "data-hour": p.utcHour, "data-grams": p.gramsPerKwh, "data-provenance": p.provenance });
      bar.appendChild(svg("title", null, hour(p.utcHour) + " UTC: " + num(p.gramsPerKwh) + " gCO2e/kWh ("
        + p.provenance.toLowerCase() + ")"));
      root.appendChild(bar);
      if (i % 3 === 0) {
        root.appendChild(svg("text", { x: x + step / 2, y: H - 8, class: "axis", "text-anchor": "middle" }, hour(p.utcHour)));
      }
      if (isLowest) {
        var cx = x + (step - 2) / 2;
        root.appendChild(svg("line", { x1: cx, x2: cx, y1: 16, y2: y(p.gramsPerKwh) - 1, class: "lowest-mark" }));
        var anchor = cx < left + 50 ? "start" : cx > W - right - 50 ? "end" : "middle";
        root.appendChild(svg("text", { x: cx, y: 12, class: "lowest-label", "text-anchor": anchor },
          "▼ lowest " + hour(p.utcHour) + " UTC · " + num(p.gramsPerKwh)));
      }
    });
    if (c.flat) {
      root.appendChild(svg("text", { x: left + 4, y: 12, class: "flat-label" }, "no hourly data: annual average at every hour"));
    }
    members.forEach(function (m) {
      var pts = m.points.map(function (p, i) { return (left + i * step + step / 2) + "," + y(p.gramsPerKwh); }).join(" ");
      var line = svg("polyline", { points: pts, class: "member", "data-member": m.provider + "/" + m.region });
      line.appendChild(svg("title", null, "may run in " + m.provider + "/" + m.region));
      root.appendChild(line);
    });
    return root;
  }

  // ---- recommendation -----------------------------------------------------------------------

  function recommend(typed, fromSuggestion) {
    var out = $("rec-result");
    clear(out);
    out.appendChild(el("p", { class: "status" }, "Asking…"));
    state.lastModel = typed;
    var mine = ++recommendRequest;
    getJson("/api/recommend", { model: modelId(typed), boundary: state.boundary }).then(function (r) {
      if (mine !== recommendRequest) { return; } // a newer question (or boundary) is on its way
      clear(out);
      if (fromSuggestion) { $("rec-model").focus(); } // the clicked button is gone: keep focus in the form
      if (!r.ok) {
        out.appendChild(el("p", { class: "error", role: "alert" }, r.body.error || "request failed"));
        if (r.body.suggestions && r.body.suggestions.length) {
          var box = el("div", { class: "suggestions" }, el("p", null, "Did you mean:"));
          r.body.suggestions.forEach(function (s) {
            var b = el("button", { type: "button", class: "suggestion" }, s);
            b.addEventListener("click", function () { $("rec-model").value = s; recommend(s, true); });
            box.appendChild(b);
          });
          out.appendChild(box);
        }
        return;
      }
      var rec = r.body;
      var b = rec.best;
      // When ranges overlap the data cannot call a winner (the insight says so): no "Best" then.
      var label = rec.rangesOverlap ? "Lowest central estimate: " : "Best: ";
      out.appendChild(el("div", { class: "best", "data-overlap": rec.rangesOverlap, "data-boundary": b.boundary },
        el("strong", null, label + b.provider + "/" + b.region), " (" + b.country + ", zone " + b.zone + ")",
        el("br"), num(b.gramsPerMillionTokens) + " gCO₂e per M tokens (" + num(b.gramsLow) + "–" + num(b.gramsHigh)
        + "), " + usd(b.usdPerMillionTokens) + " per M tokens",
        el("br"), el("span", { class: "sub" }, pct(rec.savingsVsMedianPercent) + " below the median of "
        + plural(rec.candidates, "option", "options") + "; "
        + (rec.rangesOverlap ? "its range overlaps the next option's, so this is no clear winner; " : "")
        + (rec.cleanestHourUtc === null ? "no hourly grid data for this region"
        : "cleanest hour " + hour(rec.cleanestHourUtc) + " UTC"))));
      if (rec.alternatives.length) {
        var ol = el("ol", { class: "alternatives", start: 2 });
        rec.alternatives.forEach(function (a) {
          ol.appendChild(el("li", null, a.provider + "/" + a.region + ": " + num(a.gramsPerMillionTokens)
            + " gCO₂e, " + usd(a.usdPerMillionTokens)));
        });
        out.appendChild(el("p", null, "Alternatives:"));
        out.appendChild(ol);
      }
      out.appendChild(el("p", { class: "insight" }, rec.insight));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadAbout();
    $("family").addEventListener("change", function (e) { state.family = e.target.value; loadBoard(); });
    $("provider").addEventListener("change", function (e) { state.provider = e.target.value; loadBoard(); });
    $("eu-only").addEventListener("change", function (e) { state.euOnly = e.target.checked; loadBoard(); });
    $("boundary-select").addEventListener("change", function (e) { setBoundary(e.target.value); });
    $("page-size").addEventListener("change", function (e) {
      state.pageSize = parseInt(e.target.value, 10);
      state.page = 0;
      renderPage();
    });
    $("page-prev").addEventListener("click", function () { goPage(-1); });
    $("page-next").addEventListener("click", function () { goPage(1); });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    document.querySelectorAll("th.sortable button").forEach(function (b) {
      b.addEventListener("click", function () { setSort(b.getAttribute("data-sort")); });
    });
    $("recommend-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var model = $("rec-model").value.trim();
      if (model) { recommend(model, false); }
    });
    setSort("carbon");
  });
}());
