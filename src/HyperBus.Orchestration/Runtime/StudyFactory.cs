using HyperBus.Core.Sampling;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Parses specs against what this host knows, and builds their samplers and schedulers.</summary>
public sealed class StudyFactory
{
    private readonly SamplerCatalog _samplers;
    private readonly SchedulerCatalog _schedulers;

    public StudyFactory(SamplerCatalog samplers, SchedulerCatalog schedulers, IReadOnlyCollection<string>? trainers)
    {
        _samplers = samplers;
        _schedulers = schedulers;
        Catalogs = new SpecCatalogs(samplers, schedulers, trainers);
    }

    public SpecCatalogs Catalogs { get; }

    public StudySpec Parse(System.Text.Json.JsonElement document) => StudySpecParser.Parse(document, Catalogs);

    /// <summary>The runtime of a study: its sampler and scheduler, with the trial count capped at a grid's size.</summary>
    public StudyRuntime CreateRuntime(StudyRecord record, StudySpec spec, IEnumerable<Trial> trials, DateTimeOffset startedAt)
    {
        var sampler = _samplers.Create(spec.Sampler, spec.Space, spec.Direction);
        if (sampler is IFiniteSampler finite && finite.Size < spec.Trials)
        {
            spec = spec with { Trials = finite.Size };
        }

        var scheduler = _schedulers.Create(spec.Scheduler, spec.Fidelity, spec.Direction);
        return new StudyRuntime(record, spec, sampler, scheduler, trials, startedAt);
    }
}
