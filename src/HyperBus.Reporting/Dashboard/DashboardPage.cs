namespace HyperBus.Reporting.Dashboard;

/// <summary>
/// The dashboard's single page: it polls the JSON API every second and redraws the study list, the chosen
/// study's counts, the SVG charts (<see cref="DashboardScript"/>) and the trial table. Inline script and style only, no CDN.
/// </summary>
public static class DashboardPage
{
    public static readonly string Html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>HyperBus dashboard</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
        header { display: flex; gap: 1rem; align-items: baseline; } h1 { margin: 0; font-size: 1.4rem; }
        #error { background: #fde2e1; color: #8a1c1c; padding: 0.5rem 1rem; margin: 1rem 0; }
        #pause-reason { background: #fff3cd; color: #664d03; padding: 0.5rem 1rem; margin: 1rem 0; }
        .cards { display: flex; gap: 1rem; margin: 1rem 0; } .card { border: 1px solid #ddd; padding: 0.5rem 1rem; min-width: 7rem; }
        .card b { display: block; font-size: 1.4rem; } .muted { color: #666; font-size: 0.85rem; }
        table { border-collapse: collapse; font-size: 0.85rem; } th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: right; }
        th { background: #f3f3f3; } tr.running td { color: #888; } tr.best td { background: #fff6d5; }
        svg { border: 1px solid #eee; background: #fff; } h2 { font-size: 1rem; margin: 1rem 0 0.3rem; } .chart label { display: block; font-size: 0.85rem; }
        </style></head><body data-state="loading">
        <header><h1>HyperBus</h1><select id="study" aria-label="study"></select><span id="updated" class="muted"></span></header>
        <div id="error" hidden></div>
        <div class="cards">
          <div class="card">trials<b id="trial-count">-</b></div><div class="card">completed<b id="completed-count">-</b></div>
          <div class="card">running<b id="running-count">-</b></div><div class="card">pruned / failed<b id="pruned-failed">-</b></div>
          <div class="card">best <span id="metric"></span><b id="best-value">-</b></div><div class="card">state<b id="status">-</b></div>
        </div>
        <div id="pause-reason" hidden></div>
        <div class="chart"><label><input type="checkbox" id="log-scale"> log scale</label>
        <svg id="history" width="720" height="280" viewBox="0 0 720 280" role="img" aria-label="optimization history"></svg>
        <p class="muted">blue: completed trials; orange: pruned (their last value); red &times;: failed; line: best so far</p></div>
        <div class="chart" id="intermediate-view" hidden><h2>intermediate values</h2>
        <svg id="intermediate" width="720" height="280" viewBox="0 0 720 280" role="img" aria-label="intermediate values"></svg>
        <p class="muted">each trial's reports by step; red: pruned trials, cut short where they were stopped</p></div>
        <div class="chart" id="pareto-view" hidden><h2>Pareto front</h2>
        <svg id="pareto" width="720" height="280" viewBox="0 0 720 280" role="img" aria-label="Pareto front"></svg>
        <p class="muted">grey: completed trials; red: the non-dominated front</p></div>
        <table><thead><tr id="head"></tr></thead><tbody id="trials"></tbody></table>
        <script>
        """ + DashboardScript.Js + """
        </script></body></html>
        """;
}
