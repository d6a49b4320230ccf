using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Export;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Output;

public sealed class TrialExportTests
{
    [Fact]
    public void Csv_has_a_row_per_trial_with_parameters_attempts_times_reports_and_quoted_errors()
    {
        var builder = new StudyBuilder("""{"x": {"type": "float", "low": 0, "high": 1}, "k": {"choices": ["a,b", "c"]}}""");
        builder.Add(0.25, new { x = 0.5, k = "a,b" }, reports: [(1, 0.5), (2, double.NaN)]).Add(null, new { x = 0.75, k = "c" }, TrialState.Failed);
        var study = builder.Build();
        var failed = study.Trials[1];
        var attempts = new List<TrialAttempt>
        {
            new(failed.Id, 1, "w1", null, null, "Failed", null, "boom, \"bad\""),
            new(failed.Id, 2, "w2", null, null, "Failed", null, "again"),
        };
        var trials = new[] { ExportedTrial.From(study.Trials[0], []), ExportedTrial.From(failed with { Attempt = 2 }, attempts) };

        var lines = TrialExport.ToCsv(study, trials).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("number,id,state,value,attempts,started_at,finished_at,duration_seconds,budget,param.x,param.k,reports,errors", lines[0]);
        Assert.Equal($"0,{study.Trials[0].Id},completed,0.25,1,2026-01-01T12:00:00.0000000+00:00,2026-01-01T12:00:00.5000000+00:00,0.5,,0.5,\"a,b\",1:0.5;2:,", lines[1]);
        Assert.Equal($"1,{failed.Id},failed,,2,2026-01-01T12:00:01.0000000+00:00,2026-01-01T12:00:01.5000000+00:00,0.5,,0.75,c,,\"attempt 1: boom, \"\"bad\"\" | attempt 2: again\"", lines[2]);
    }

    [Fact]
    public void Json_carries_the_study_and_every_trial_with_its_reports()
    {
        var study = RichStudy.Create().Build();
        var trials = study.Trials.Select(t => ExportedTrial.From(t, [])).ToList();

        using var json = JsonDocument.Parse(TrialExport.ToJson(study, trials));

        var root = json.RootElement;
        Assert.Equal("maximize", root.GetProperty("direction").GetString());
        Assert.Equal("accuracy", root.GetProperty("metric").GetString());
        var items = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(study.Trials.Count, items.Count);
        Assert.Equal("pruned", items[3].GetProperty("state").GetString());
        Assert.Equal(3, items[3].GetProperty("reports").GetArrayLength());
        Assert.Equal(study.Trials[0].Value!.Value, items[0].GetProperty("value").GetDouble());
        Assert.Equal("linear", items.First(i => i.GetProperty("params").GetProperty("kernel").GetString() == "linear").GetProperty("params").GetProperty("kernel").GetString());
        Assert.Equal(0.5, items[0].GetProperty("durationSeconds").GetDouble());
    }
}
