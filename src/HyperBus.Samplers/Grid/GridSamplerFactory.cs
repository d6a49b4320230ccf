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

        var grids = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        foreach (var p in space.Parameters)
        {
            if (GridEnumerator.GridValues(p, out var problem) is { } values)
            {
                grids[p.Name] = values;
            }
            else
            {
                options.Errors.Add(new SpecError($"space.{p.Name}", problem!));
            }
        }

        if (grids.Count == space.Parameters.Count && GridEnumerator.Count(space, grids) > GridEnumerator.MaxGridSize)
        {
            options.Errors.Add(new SpecError("space", $"the grid has more than {GridEnumerator.MaxGridSize} configurations; give fewer values: or a larger step"));
        }
    }

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new GridSampler(space, new GridSamplerOptions(spec.Options["shuffle"]?.GetValue<bool>() ?? false, spec.Seed ?? 0));
}
