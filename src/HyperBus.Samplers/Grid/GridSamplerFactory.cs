using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Grid;

/// <summary>Registers <c>sampler: {type: grid, shuffle: false, seed: N}</c>.</summary>
public sealed class GridSamplerFactory : ISamplerFactory
{
    public string Type => "grid";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space)
    {
        options.Bool("shuffle");
        options.Integer("seed", int.MinValue, int.MaxValue);
        if (space is null)
        {
            return;
        }

        foreach (var p in space.Parameters)
        {
            if (GridEnumerator.GridValues(p, out var problem) is null)
            {
                options.Errors.Add(new SpecError($"space.{p.Name}", problem!));
            }
        }
    }

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new GridSampler(space, new GridSamplerOptions(spec.Options["shuffle"]?.GetValue<bool>() ?? false, spec.Seed ?? 0));
}
