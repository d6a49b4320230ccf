using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Grid;

/// <summary>
/// Exhaustive grid search: trial number n gets grid point n, so each point runs once, retries keep their
/// point, and a restarted host continues where it stopped. Returns nothing once the grid is used up.
/// </summary>
public sealed class GridSampler : ISampler, IFiniteSampler
{
    private readonly IReadOnlyList<ParameterSet> _grid;

    public GridSampler(SearchSpace space, GridSamplerOptions options)
    {
        var grid = GridEnumerator.Enumerate(space).ToList();
        if (options.Shuffle)
        {
            TrialRandom.For(options.Seed, 0).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(grid));
        }

        _grid = grid;
    }

    /// <summary>How many configurations the grid holds.</summary>
    public int Size => _grid.Count;

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var first = study.NextTrialNumber;
        var available = Math.Max(0, Math.Min(count, _grid.Count - first));
        return Enumerable.Range(first, available).Select(i => _grid[i]).ToList();
    }
}
