namespace HyperBus.Reporting.Html;

/// <summary>The report's inline style and its table-sorting script (inline, so the file opens with no network).</summary>
public static class ReportAssets
{
    public const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
        h1 { margin-bottom: 0.2rem; } .muted { color: #666; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
        th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: right; }
        th { background: #f3f3f3; cursor: pointer; user-select: none; }
        th.asc::after { content: " \25B2"; } th.desc::after { content: " \25BC"; }
        tr.best td { background: #fff6d5; }
        figure { margin: 1rem 0 2rem; } figure img { max-width: 100%; border: 1px solid #eee; }
        """;

    /// <summary>Sorts a table by the clicked column: by data-sort when present (numbers), else by text; a second click reverses.</summary>
    public const string SortScript = """
        document.querySelectorAll("table.sortable th").forEach(function (th, column) {
          th.addEventListener("click", function () {
            var table = th.closest("table"), body = table.tBodies[0];
            var ascending = !th.classList.contains("asc");
            table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
            th.classList.add(ascending ? "asc" : "desc");
            var key = function (row) {
              var cell = row.cells[column];
              return cell.dataset.sort !== undefined ? parseFloat(cell.dataset.sort) : cell.textContent;
            };
            var rows = Array.from(body.rows).sort(function (a, b) {
              var x = key(a), y = key(b);
              var order = typeof x === "number" && typeof y === "number" ? x - y
                : (typeof x === "number" ? -1 : typeof y === "number" ? 1 : String(x).localeCompare(String(y)));
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
        });
        """;
}
