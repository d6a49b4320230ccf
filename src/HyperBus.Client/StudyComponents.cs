using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus;

/// <summary>The sampler and scheduler a study runs with, made from <see cref="StudyOptions"/> by the same catalogs specs use.</summary>
internal sealed class StudyComponents
{
    // Samplers that do not rank trials by a single value, so they work with several objectives.
    private static readonly string[] MultiObjectiveSamplers = ["nsga2", "random", "sobol", "grid"];

    private StudyComponents(ComponentSpec sampler, ComponentSpec scheduler, IScheduler schedulerInstance, Func<SearchSpace, ISampler> createSampler)
    {
        SamplerSpec = sampler;
        SchedulerSpec = scheduler;
        Scheduler = schedulerInstance;
        CreateSampler = createSampler;
    }

    public ComponentSpec SamplerSpec { get; }

    public ComponentSpec SchedulerSpec { get; }

    public IScheduler Scheduler { get; }

    /// <summary>Builds the sampler for the space as it is now; called again when the space grows.</summary>
    public Func<SearchSpace, ISampler> CreateSampler { get; }

    /// <summary>From the options; <paramref name="stored"/> (a re-opened study's document) fills in what the options leave out.</summary>
    public static StudyComponents Create(StudyOptions options, IReadOnlyList<StudyDirection> directions, StudyDocument? stored)
    {
        var errors = new List<SpecError>();
        var samplerType = options.Sampler ?? stored?.Sampler.Type ?? (directions.Count > 1 ? "nsga2" : "random");
        var samplerOptions = options.Sampler is null && options.SamplerOptions is null && stored is not null
            ? (JsonObject)stored.Sampler.Options.DeepClone()
            : ToJson(options.SamplerOptions);
        if (options.Seed is { } seed && !samplerOptions.ContainsKey("seed"))
        {
            samplerOptions["seed"] = seed;
        }

        var schedulerType = options.Scheduler ?? stored?.Scheduler.Type ?? "fifo";
        var schedulerOptions = options.Scheduler is null && options.SchedulerOptions is null && stored is not null
            ? (JsonObject)stored.Scheduler.Options.DeepClone()
            : ToJson(options.SchedulerOptions);
        var sampler = Validate("sampler", samplerType, samplerOptions, SamplerCatalog.Default, errors);
        var scheduler = Validate("scheduler", schedulerType, schedulerOptions, SchedulerCatalog.Default, errors);
        if (directions.Count > 1 && options.SamplerFactory is null && sampler is not null && !MultiObjectiveSamplers.Contains(sampler.Type))
        {
            errors.Add(new SpecError("sampler", $"'{sampler.Type}' optimises one objective; with {directions.Count} directions use {string.Join(", ", MultiObjectiveSamplers)}"));
        }

        SpecException.ThrowIfAny(errors);
        var schedulerInstance = SchedulerCatalog.Default.Create(scheduler!, null, directions[0]);
        Func<SearchSpace, ISampler> create = options.SamplerFactory
            ?? (schedulerInstance is ISamplerOwningScheduler owner && options.Sampler is null
                ? owner.CreateSampler
                : space => SamplerCatalog.Default.Create(sampler!, space, directions[0]));
        return new StudyComponents(sampler!, scheduler!, schedulerInstance, create);
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, object>? options)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in options ?? new Dictionary<string, object>())
        {
            obj[key] = JsonSerializer.SerializeToNode(value);
        }

        return obj;
    }

    private static ComponentSpec? Validate(string key, string type, JsonObject options, IComponentCatalog catalog, List<SpecError> errors)
    {
        if (!catalog.Types.Contains(type))
        {
            errors.Add(new SpecError($"{key}", $"unknown {key} '{type}'; known: {string.Join(", ", catalog.Types.Order(StringComparer.Ordinal))}"));
            return null;
        }

        var reader = new SpecObjectReader(options, key, errors);
        catalog.ValidateOptions(type, reader, null);
        reader.RejectUnknown();
        return new ComponentSpec(type, options);
    }
}
