using HyperBus.Core.Specs;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus.Cli.Running;

/// <summary>The samplers, schedulers and trainers a spec may name in this process.</summary>
public static class Catalogs
{
    public static SpecCatalogs For(IReadOnlyCollection<string>? trainers) => new(SamplerCatalog.Default, SchedulerCatalog.Default, trainers);
}
