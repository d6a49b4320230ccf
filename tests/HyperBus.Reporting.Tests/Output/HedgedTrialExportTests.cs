using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Reporting.Export;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Output;

/// <summary>The export of a hedged trial (issue 15): which trials were hedged and which attempt won, in CSV and JSON.</summary>
public sealed class HedgedTrialExportTests
{
    // The attributes the host's hedging writes (HyperBus.Orchestration.Policies.Hedging.HedgeKeys).
    private static readonly Dictionary<string, string> Hedged = new() { ["hedge.attempt"] = "2", ["hedge.state"] = "won", ["hedge.winner"] = "2" };

    [Fact]
    public void Csv_names_the_hedged_attempt_how_the_race_went_and_the_winner()
    {
        var study = new StudyBuilder().Add(0.25, new { x = 0.5 }, attributes: Hedged).Add(0.5, new { x = 0.75 }).Build();
        var hedged = study.Trials[0];
        var attempts = new List<TrialAttempt>
        {
            new(hedged.Id, 1, "slow-node", null, null, "Lost", null, null),
            new(hedged.Id, 2, "other-node", null, null, "Completed", 0.25, null),
        };
        var trials = new[] { ExportedTrial.From(hedged with { Attempt = 2 }, attempts), ExportedTrial.From(study.Trials[1], []) };

        var lines = TrialExport.ToCsv(study, trials).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',').ToList();
        string Cell(int row, string column) => lines[row].Split(',')[header.IndexOf(column)];

        Assert.Equal(("2", "won", "2", "2"), (Cell(1, "attempts"), Cell(1, "attr.hedge.state"), Cell(1, "attr.hedge.attempt"), Cell(1, "attr.hedge.winner")));
        Assert.Equal((string.Empty, string.Empty), (Cell(2, "attr.hedge.state"), Cell(2, "attr.hedge.winner")));

        using var json = JsonDocument.Parse(TrialExport.ToJson(study, trials));
        var first = json.RootElement.GetProperty("trials")[0];
        Assert.Equal("2", first.GetProperty("attributes").GetProperty("hedge.winner").GetString());
        Assert.Equal(["Lost", "Completed"], first.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
    }
}
