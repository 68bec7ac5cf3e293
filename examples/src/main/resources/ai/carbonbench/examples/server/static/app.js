// CarbonBench dashboard: a small, dependency-free script over the JSON API.
// Every value from the API reaches the page through textContent or setAttribute: no HTML is ever parsed from data.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var ROWS = 50;
  var state = { sort: "carbon", family: "", provider: "", euOnly: false, selected: null };
  var boardRequest = 0;

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
    if (child === null || child === undefined) { return; }
    node.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function num(v) {
    if (v === null || v === undefined) { return "–"; }
    var a = Math.abs(v);
    var digits = a === 0 ? 0 : Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(a))));
    return v.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: digits });
  }

  function usd(v) { return "$" + v.toFixed(2); }

  function hour(h) { return (h < 10 ? "0" : "") + h + ":00"; }

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== "" && params[k] !== false; })
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

  // ---- filters ------------------------------------------------------------------------------

  function loadFilters() {
    getJson("/api/models").then(function (r) {
      if (!r.ok) { return; }
      var families = {};
      var list = $("model-list");
      r.body.forEach(function (m) {
        families[m.family] = true;
        list.appendChild(el("option", { value: m.id }, m.name));
      });
      var select = $("family");
      Object.keys(families).sort().forEach(function (f) { select.appendChild(el("option", { value: f }, f)); });
    });
    getJson("/api/providers").then(function (r) {
      if (!r.ok) { return; }
      var select = $("provider");
      r.body.forEach(function (p) { select.appendChild(el("option", { value: p.id }, p.name)); });
    });
    $("family").addEventListener("change", function (e) { state.family = e.target.value; loadBoard(); });
    $("provider").addEventListener("change", function (e) { state.provider = e.target.value; loadBoard(); });
    $("eu-only").addEventListener("change", function (e) { state.euOnly = e.target.checked; loadBoard(); });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
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
      sort: state.sort, limit: ROWS }).then(function (r) {
      if (mine !== boardRequest) { return; } // a newer request is on its way
      var tbody = document.querySelector("#leaderboard tbody");
      clear(tbody);
      var parts = [state.family && ("family " + state.family), state.provider && ("provider " + state.provider),
        state.euOnly && "EU only"].filter(Boolean);
      $("board-caption").textContent = "Options ranked by " + SORT_LABEL[state.sort]
        + (parts.length ? " — " + parts.join(", ") : "");
      if (!r.ok) {
        status("board-status", "Error: " + r.body.error, true);
        return;
      }
      r.body.forEach(function (o, i) { tbody.appendChild(row(o, i + 1)); });
      status("board-status", r.body.length === 0 ? "No option matches these filters."
        : "Showing " + r.body.length + (r.body.length === ROWS ? " (the top " + ROWS + ")" : "") + " options, "
          + "intensity " + r.body[0].provenance.toLowerCase() + " at " + r.body[0].at.slice(0, 16).replace("T", " ") + " UTC.");
    });
  }

  function row(o, rank) {
    var where = o.provider + "/" + o.region;
    var tr = el("tr", { tabindex: 0, "data-family": o.family, "data-provider": o.provider, "data-region": where, "data-zone": o.zone,
      "data-grams": o.gramsPerMillionTokens, "data-usd": o.usdPerMillionTokens,
      "data-speed": o.tokensPerSecond === null ? "" : o.tokensPerSecond },
      el("td", { class: "num" }, rank),
      el("td", { class: "id" }, o.model, el("br"), el("span", { class: "sub" }, o.family + " · " + o.energyBasis)),
      el("td", { class: "id" }, where, o.servedFrom ? el("span", { class: "sub" }, " (cross-region)") : null,
        el("br"), el("span", { class: "sub" }, o.country + " · " + o.zone)),
      el("td", { class: "num" }, num(o.intensityGramsPerKwh)),
      el("td", { class: "num" }, el("strong", null, num(o.gramsPerMillionTokens))),
      el("td", { class: "num" }, num(o.gramsLow) + "–" + num(o.gramsHigh)),
      el("td", { class: "num" }, usd(o.usdPerMillionTokens)),
      el("td", { class: "num" }, num(o.tokensPerSecond)));
    if (state.selected === where) { tr.classList.add("selected"); }
    tr.addEventListener("click", function () { select(tr, where); });
    tr.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); select(tr, where); }
    });
    return tr;
  }

  function select(tr, where) {
    state.selected = where;
    document.querySelectorAll("#leaderboard tbody tr.selected").forEach(function (r) { r.classList.remove("selected"); });
    tr.classList.add("selected");
    loadChart(where);
  }

  // ---- 24-hour chart ------------------------------------------------------------------------

  function loadChart(region) {
    status("chart-status", "Loading " + region + "…");
    getJson("/api/intensity", { region: region }).then(function (r) {
      if (state.selected !== region) { return; }
      var box = $("chart");
      clear(box);
      if (!r.ok) {
        status("chart-status", "Error: " + r.body.error, true);
        return;
      }
      status("chart-status", r.body.provider + "/" + r.body.region + ", gCO₂e per kWh by UTC hour");
      box.appendChild(chart(r.body));
      var c = r.body;
      box.appendChild(el("p", { class: "chart-facts" },
        "Lowest " + num(c.minimumGramsPerKwh) + " gCO₂e/kWh at " + hour(c.minimumHourUtc) + " UTC; highest "
        + num(c.maximumGramsPerKwh) + ", average " + num(c.averageGramsPerKwh) + ". Zone " + c.zone + ", "
        + (c.flat ? "no hourly data: the annual average at every hour" : "source " + c.points[0].provenance.toLowerCase())
        + "."));
    });
  }

  function chart(c) {
    var W = 400, H = 200, left = 40, right = 8, top = 28, bottom = 24;
    var max = Math.max(c.maximumGramsPerKwh, 1);
    var n = c.points.length;
    var step = (W - left - right) / n;
    var y = function (v) { return top + (H - top - bottom) * (1 - v / max); };
    var title = "Grid intensity for " + c.provider + "/" + c.region + " (zone " + c.zone + ") by UTC hour; lowest "
      + num(c.minimumGramsPerKwh) + " gCO2e/kWh at " + hour(c.minimumHourUtc) + " UTC";
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "chart-title",
      "data-region": c.provider + "/" + c.region, "data-minimum-hour": c.minimumHourUtc });
    root.appendChild(svg("title", { id: "chart-title" }, title));
    [0, max / 2, max].forEach(function (v) {
      root.appendChild(svg("line", { x1: left - 3, x2: W - right, y1: y(v), y2: y(v), class: "baseline" }));
      root.appendChild(svg("text", { x: left - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, num(v)));
    });
    var lowestDone = false;
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
    return root;
  }

  // ---- recommendation -----------------------------------------------------------------------

  function recommend(model) {
    var out = $("rec-result");
    clear(out);
    out.appendChild(el("p", { class: "status" }, "Asking…"));
    getJson("/api/recommend", { model: model }).then(function (r) {
      clear(out);
      if (!r.ok) {
        out.appendChild(el("p", { class: "error", role: "alert" }, r.body.error || "request failed"));
        if (r.body.suggestions && r.body.suggestions.length) {
          var box = el("div", { class: "suggestions" }, el("p", null, "Did you mean:"));
          r.body.suggestions.forEach(function (s) {
            var b = el("button", { type: "button", class: "suggestion" }, s);
            b.addEventListener("click", function () { $("rec-model").value = s; recommend(s); });
            box.appendChild(b);
          });
          out.appendChild(box);
        }
        return;
      }
      var rec = r.body;
      var b = rec.best;
      out.appendChild(el("div", { class: "best" },
        el("strong", null, "Best: " + b.provider + "/" + b.region), " (" + b.country + ", zone " + b.zone + ")",
        el("br"), num(b.gramsPerMillionTokens) + " gCO₂e per M tokens (" + num(b.gramsLow) + "–" + num(b.gramsHigh)
        + "), " + usd(b.usdPerMillionTokens) + " per M tokens",
        el("br"), el("span", { class: "sub" }, num(rec.savingsVsMedianPercent) + "% below the median of "
        + rec.candidates + " options; " + (rec.cleanestHourUtc === null ? "no hourly grid data for this region"
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
    loadFilters();
    document.querySelectorAll("th.sortable button").forEach(function (b) {
      b.addEventListener("click", function () { setSort(b.getAttribute("data-sort")); });
    });
    $("recommend-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var model = $("rec-model").value.trim();
      if (model) { recommend(model); }
    });
    setSort("carbon");
  });
}());
