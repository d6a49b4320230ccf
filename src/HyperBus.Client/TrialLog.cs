using HyperBus.Core.Trials;

namespace HyperBus;

/// <summary>
/// A study's trials in number order, kept so that no ask or tell costs more as the study grows: trials are appended,
/// found by number from its position, replaced in place, and mirrored by their sampler form (only the parameters inside
/// the known distributions), which is rebuilt for every trial only when the discovered space grows. The best trial is
/// kept as outcomes arrive instead of being searched for. Thread-safe; views are read by callers that hold the study's
/// gate, so no write happens while a sampler or scheduler reads one.
/// </summary>
internal sealed class TrialLog
{
    private readonly object _lock = new();
    private readonly List<Trial> _stored = [];
    private readonly List<Trial> _forSampler = [];
    private readonly StudyDirection _direction;
    private readonly Func<Trial, Trial> _toSampler;
    private readonly Func<int> _spaceVersion;
    private int _mappedVersion;
    private Trial? _best;

    /// <param name="direction">The (first) objective's direction, for the best trial.</param>
    /// <param name="toSampler">The trial as samplers see it under the current space.</param>
    /// <param name="spaceVersion">Changes whenever the space grows, so every sampler form is made again.</param>
    public TrialLog(StudyDirection direction, Func<Trial, Trial> toSampler, Func<int> spaceVersion)
    {
        _direction = direction;
        _toSampler = toSampler;
        _spaceVersion = spaceVersion;
        _mappedVersion = spaceVersion();
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _stored.Count;
            }
        }
    }

    /// <summary>The number the next trial gets: one past the last.</summary>
    public int NextNumber
    {
        get
        {
            lock (_lock)
            {
                return _stored.Count == 0 ? 0 : _stored[^1].Number + 1;
            }
        }
    }

    /// <summary>The best feasible completed trial (ties to the lower number), or null.</summary>
    public Trial? Best
    {
        get
        {
            lock (_lock)
            {
                return _best;
            }
        }
    }

    /// <summary>Makes room for this many more trials, so a run of known length does not copy the log as it grows.</summary>
    public void Reserve(int more)
    {
        lock (_lock)
        {
            _stored.EnsureCapacity(_stored.Count + more);
            _forSampler.EnsureCapacity(_stored.Count + more);
        }
    }

    /// <summary>Appends a trial; its number must be above every number already in the log.</summary>
    public void Add(Trial trial)
    {
        lock (_lock)
        {
            if (_stored.Count > 0 && trial.Number <= _stored[^1].Number)
            {
                throw new ArgumentException($"trial {trial.Number} does not come after trial {_stored[^1].Number}", nameof(trial));
            }

            _stored.Add(trial);
            _forSampler.Add(_toSampler(trial));
            ConsiderForBest(trial);
        }
    }

    /// <summary>Replaces the trial of the same number with this newer state of it.</summary>
    public void Replace(Trial trial)
    {
        lock (_lock)
        {
            var i = IndexOf(trial.Number);
            _stored[i] = trial;
            _forSampler[i] = _toSampler(trial);
            if (_best is { } best && best.Number == trial.Number)
            {
                // The best trial changed (never in the library's own flow: a finished trial is not written again).
                _best = null;
                _stored.ForEach(ConsiderForBest);
            }
            else
            {
                ConsiderForBest(trial);
            }
        }
    }

    /// <summary>The trial with this number, or null.</summary>
    public Trial? Find(int number)
    {
        lock (_lock)
        {
            var i = Locate(number);
            return i >= 0 ? _stored[i] : null;
        }
    }

    /// <summary>A copy of every trial as last written, for callers that keep it.</summary>
    public IReadOnlyList<Trial> Snapshot()
    {
        lock (_lock)
        {
            return [.. _stored];
        }
    }

    /// <summary>The trials as last written, without a copy: valid while the caller holds the study's gate.</summary>
    public IReadOnlyList<Trial> StoredView()
    {
        lock (_lock)
        {
            return new TrialLogView(_stored, _stored.Count);
        }
    }

    /// <summary>The trials in sampler form, without a copy: valid while the caller holds the study's gate.</summary>
    public IReadOnlyList<Trial> SamplerView()
    {
        lock (_lock)
        {
            // Read the version before mapping: a parameter discovered meanwhile makes the next view map again.
            var version = _spaceVersion();
            if (version != _mappedVersion)
            {
                for (var i = 0; i < _stored.Count; i++)
                {
                    _forSampler[i] = _toSampler(_stored[i]);
                }

                _mappedVersion = version;
            }

            return new TrialLogView(_forSampler, _forSampler.Count);
        }
    }

    private int IndexOf(int number)
    {
        var i = Locate(number);
        return i >= 0 ? i : throw new InvalidOperationException($"no trial {number} in the study");
    }

    /// <summary>
    /// The position of the trial with this number, or -1. Numbers only grow, and without gaps in a study that was not
    /// edited by hand, so the number minus the first one is the position; otherwise a binary search finds it (no index to keep).
    /// </summary>
    private int Locate(int number)
    {
        if (_stored.Count == 0)
        {
            return -1;
        }

        var guess = number - _stored[0].Number;
        if ((uint)guess < (uint)_stored.Count && _stored[guess].Number == number)
        {
            return guess;
        }

        var (low, high) = (0, _stored.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var at = _stored[middle].Number;
            if (at == number)
            {
                return middle;
            }

            (low, high) = at < number ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }

    private void ConsiderForBest(Trial trial)
    {
        if (trial.State != TrialState.Completed || trial.Value is not { } value || !trial.IsFeasible)
        {
            return;
        }

        if (_best is null || IsBetter(value, _best.Value!.Value) || (value.Equals(_best.Value!.Value) && trial.Number < _best.Number))
        {
            _best = trial;
        }
    }

    private bool IsBetter(double candidate, double incumbent) =>
        _direction == StudyDirection.Maximize ? candidate > incumbent : candidate < incumbent;
}
