using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
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

    public StudySpec Parse(System.Text.Json.JsonElement document)
    {
        var spec = StudySpecParser.Parse(document, Catalogs);
        // Built here so checks that need the fidelity (pbt requires one) reject the spec up front.
        var scheduler = CreateScheduler(spec);
        if (document.TryGetProperty("sampler", out _) && scheduler is ISamplerOwningScheduler)
        {
            throw new SpecException([new SpecError("sampler", $"the '{spec.Scheduler.Type}' scheduler brings its own sampler; remove 'sampler'")]);
        }

        return spec;
    }

    /// <summary>The runtime of a study: its sampler and scheduler, with the trial count capped at a grid's size.</summary>
    public StudyRuntime CreateRuntime(StudyRecord record, StudySpec spec, IEnumerable<Trial> trials, DateTimeOffset startedAt)
    {
        var scheduler = CreateScheduler(spec);
        var sampler = scheduler is ISamplerOwningScheduler owner
            ? owner.CreateSampler(spec.Space)
            : _samplers.Create(spec.Sampler, spec.Space, spec.Direction);
        if (sampler is IFiniteSampler finite && finite.Size < spec.Trials)
        {
            spec = spec with { Trials = finite.Size };
        }

        return new StudyRuntime(record, spec, sampler, scheduler, trials, startedAt);
    }

    private IScheduler CreateScheduler(StudySpec spec) => _schedulers.Create(spec.Scheduler, spec.Fidelity, spec.Direction);
}
