namespace HyperBus.Core.Specs;

/// <summary>What a spec may name: samplers, schedulers and (when known) trainer kinds.</summary>
/// <param name="Trainers">Null when trainers are remote and unknown to this process (any kind is accepted).</param>
public sealed record SpecCatalogs(IComponentCatalog Samplers, IComponentCatalog Schedulers, IReadOnlyCollection<string>? Trainers);
