using System.Collections.Concurrent;
using System.Text.Json;
using HyperBus.Core.Storage;

namespace HyperBus.Telemetry;

/// <summary>
/// The study name and trainer kind a metric is tagged with, looked up once per study: ids would make every
/// study's series unreadable on a dashboard, and the trainer kind is fixed per study by its spec.
/// </summary>
public sealed class StudyLabels
{
    private readonly IStudyStore? _store;
    private readonly ConcurrentDictionary<Guid, (string Study, string Trainer)> _known = new();

    public StudyLabels(IStudyStore? store = null)
    {
        _store = store;
    }

    /// <summary>What a TrialRequested tells about its study, so that a worker-side or store-less process can tag too.</summary>
    public void Learn(Guid studyId, string trainer) =>
        _known.AddOrUpdate(studyId, _ => (studyId.ToString(), trainer), (_, old) => (old.Study, trainer));

    public async ValueTask<(string Study, string Trainer)> ForAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(studyId, out var labels) && labels.Study != studyId.ToString())
        {
            return labels;
        }

        var trainer = _known.TryGetValue(studyId, out var seen) ? seen.Trainer : "unknown";
        var study = studyId.ToString();
        if (_store is not null)
        {
            var record = await _store.GetStudyAsync(studyId, cancellationToken);
            if (record is not null)
            {
                study = record.Name;
                trainer = TrainerOf(record.SpecJson) ?? trainer;
            }
        }

        labels = (study, trainer);
        _known[studyId] = labels;
        return labels;
    }

    private static string? TrainerOf(string specJson)
    {
        try
        {
            using var spec = JsonDocument.Parse(specJson);
            return spec.RootElement.TryGetProperty("trainer", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
