namespace HyperBus.Samplers.CmaEs;

/// <summary>A CMA-ES run replayed up to a generation boundary, with what it read from each consumed trial.</summary>
/// <remarks>
/// The consumed data (each trial's unit point, rank tier and loss, in trial order) is the cache key: a
/// later call goes on from here only if the store still holds the same data for those trials, so a cached
/// run and one rebuilt from the store are the same run.
/// </remarks>
internal sealed class CmaReplay
{
    public CmaReplay(string axesKey, CmaState state)
    {
        AxesKey = axesKey;
        State = state;
    }

    /// <summary>The axes (names, in order) the run is over; a different space means a different run.</summary>
    public string AxesKey { get; }

    public CmaState State { get; set; }

    /// <summary>The first trial number of the generation not yet told.</summary>
    public int NextStart { get; set; }

    public int Restarts { get; set; }

    public List<double> BestPerGeneration { get; } = [];

    /// <summary>Point coordinates, tier and loss of trials 0 .. <see cref="NextStart"/> - 1, flattened.</summary>
    public List<double> Consumed { get; } = [];
}
