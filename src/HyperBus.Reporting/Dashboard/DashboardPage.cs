namespace HyperBus.Reporting.Dashboard;

/// <summary>
/// The dashboard's single page: it polls the JSON API every second and redraws the study list, the chosen
/// study's counts, an SVG history chart and the trial table. Inline script and style only, no CDN.
/// </summary>
public static class DashboardPage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>HyperBus dashboard</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
        header { display: flex; gap: 1rem; align-items: baseline; } h1 { margin: 0; font-size: 1.4rem; }
        #error { background: #fde2e1; color: #8a1c1c; padding: 0.5rem 1rem; margin: 1rem 0; }
        .cards { display: flex; gap: 1rem; margin: 1rem 0; } .card { border: 1px solid #ddd; padding: 0.5rem 1rem; min-width: 7rem; }
        .card b { display: block; font-size: 1.4rem; } .muted { color: #666; font-size: 0.85rem; }
        table { border-collapse: collapse; font-size: 0.85rem; } th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: right; }
        th { background: #f3f3f3; } tr.running td { color: #888; } tr.best td { background: #fff6d5; }
        svg { border: 1px solid #eee; background: #fff; }
        </style></head><body data-state="loading">
        <header><h1>HyperBus</h1><select id="study" aria-label="study"></select><span id="updated" class="muted"></span></header>
        <div id="error" hidden></div>
        <div class="cards">
          <div class="card">trials<b id="trial-count">-</b></div><div class="card">completed<b id="completed-count">-</b></div>
          <div class="card">running<b id="running-count">-</b></div><div class="card">pruned / failed<b id="pruned-failed">-</b></div>
          <div class="card">best <span id="metric"></span><b id="best-value">-</b></div><div class="card">state<b id="status">-</b></div>
        </div>
        <svg id="history" width="720" height="260" viewBox="0 0 720 260" role="img" aria-label="optimization history"></svg>
        <p class="muted">dots: each completed trial; line: best so far</p>
        <table><thead><tr id="head"></tr></thead><tbody id="trials"></tbody></table>
        <script>
        "use strict";
        var params = new URLSearchParams(location.search);
        var chosen = params.get("study");
        var interval = Math.max(250, parseInt(params.get("interval") || "1000", 10));
        var select = document.getElementById("study");
        select.addEventListener("change", function () { chosen = select.value; refresh(); });
        function text(id, value) { document.getElementById(id).textContent = value; }
        function fmt(v) { return v === null || v === undefined ? "-" : Number(v).toPrecision(5).replace(/\.?0+$/, ""); }
        function getJson(url) {
          return fetch(url, { cache: "no-store" }).then(function (r) {
            if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
            return r.json();
          });
        }
        function showError(message) { var e = document.getElementById("error"); e.textContent = message; e.hidden = !message; }
        function refresh() {
          return getJson("api/studies").then(function (studies) {
            if (studies.length === 0) { document.body.dataset.state = "empty"; text("status", "no studies yet"); showError(""); return; }
            if (!chosen || !studies.some(function (s) { return s.id === chosen; })) {
              var running = studies.filter(function (s) { return s.status === "running"; });
              chosen = (running.length ? running[running.length - 1] : studies[studies.length - 1]).id;
            }
            select.replaceChildren.apply(select, studies.map(function (s) {
              var o = document.createElement("option"); o.value = s.id; o.textContent = s.name + " (" + s.status + ")"; o.selected = s.id === chosen; return o;
            }));
            var study = studies.filter(function (s) { return s.id === chosen; })[0];
            return getJson("api/studies/" + encodeURIComponent(study.id) + "/trials").then(function (trials) { render(study, trials); });
          }).then(function () { showError(""); text("updated", "updated " + new Date().toLocaleTimeString()); })
            .catch(function (e) { document.body.dataset.state = "error"; showError("Cannot load the dashboard data: " + e.message); });
        }
        function render(study, trials) {
          text("trial-count", study.trials); text("completed-count", study.completed); text("running-count", study.running);
          text("pruned-failed", study.pruned + " / " + study.failed); text("best-value", fmt(study.bestValue));
          text("metric", study.metric); text("status", study.status);
          var names = [];
          trials.forEach(function (t) { Object.keys(t.params).forEach(function (k) { if (names.indexOf(k) < 0) { names.push(k); } }); });
          var head = document.getElementById("head");
          head.replaceChildren.apply(head, ["#", "state", study.metric, "seconds"].concat(names).map(function (n) {
            var th = document.createElement("th"); th.textContent = n; return th;
          }));
          var body = document.getElementById("trials");
          body.replaceChildren.apply(body, trials.slice().reverse().map(function (t) {
            var tr = document.createElement("tr"); tr.className = t.state + (t.number === study.bestTrial ? " best" : "");
            [t.number, t.state, fmt(t.value), fmt(t.durationSeconds)].concat(names.map(function (n) {
              var v = t.params[n]; return v === undefined ? "" : typeof v === "number" ? fmt(v) : String(v);
            })).forEach(function (v) { var td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
            return tr;
          }));
          drawHistory(study, trials);
          document.body.dataset.state = "loaded";
          document.body.dataset.trials = String(study.trials);
        }
        function drawHistory(study, trials) {
          var svg = document.getElementById("history"), ns = "http://www.w3.org/2000/svg";
          var done = trials.filter(function (t) { return t.state === "completed" && t.value !== null && t.value !== undefined; });
          svg.replaceChildren();
          if (done.length === 0) { return; }
          var values = done.map(function (t) { return t.value; });
          var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values), n = Math.max.apply(null, done.map(function (t) { return t.number; }));
          if (hi === lo) { hi = lo + 1; }
          var x = function (k) { return 40 + 660 * (n > 0 ? k / n : 0.5); }, y = function (v) { return 240 - 220 * (v - lo) / (hi - lo); };
          var best = null, path = [];
          done.forEach(function (t) {
            var c = document.createElementNS(ns, "circle"); c.setAttribute("cx", x(t.number)); c.setAttribute("cy", y(t.value));
            c.setAttribute("r", 3); c.setAttribute("fill", "steelblue"); svg.appendChild(c);
            best = best === null ? t.value : study.direction === "maximize" ? Math.max(best, t.value) : Math.min(best, t.value);
            path.push((path.length ? "L" : "M") + x(t.number) + " " + y(best));
          });
          var line = document.createElementNS(ns, "path"); line.setAttribute("d", path.join(" "));
          line.setAttribute("stroke", "orangered"); line.setAttribute("fill", "none"); line.setAttribute("stroke-width", 2); svg.appendChild(line);
          [[lo, 244], [hi, 24]].forEach(function (p) {
            var label = document.createElementNS(ns, "text"); label.setAttribute("x", 2); label.setAttribute("y", p[1]);
            label.setAttribute("font-size", 10); label.textContent = fmt(p[0]); svg.appendChild(label);
          });
        }
        refresh();
        setInterval(refresh, interval);
        </script></body></html>
        """;
}
