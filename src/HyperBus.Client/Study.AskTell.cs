using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <content>Ask-and-tell, warm starts and reports: everything that writes trials.</content>
public sealed partial class Study
{
    /// <summary>A new trial; its objective suggests parameters on it (define-by-run). Enqueued configurations come first.</summary>
    public Task<RunningTrial> AskAsync(CancellationToken cancellationToken = default) => AskCoreAsync(null, null, cancellationToken).AsTask();

    /// <summary>A new trial with these parameters drawn up front and stored with it (scikit-optimize's ask over a known space).</summary>
    public Task<RunningTrial> AskAsync(IEnumerable<Parameter> distributions, CancellationToken cancellationToken = default) =>
        AskCoreAsync([.. distributions], null, cancellationToken).AsTask();

    /// <summary><paramref name="count"/> trials at once, for evaluating in parallel; each sees the ones before it as running.</summary>
    public async Task<IReadOnlyList<RunningTrial>> AskBatchAsync(int count, IEnumerable<Parameter>? distributions = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var fixedDistributions = distributions?.ToList();
        var result = new List<RunningTrial>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(await AskCoreAsync(fixedDistributions, null, cancellationToken));
        }

        return result;
    }

    /// <summary>Completes the trial with its objective value(s) and, optionally, constraint values.</summary>
    public Task<Trial> TellAsync(RunningTrial trial, ObjectiveResult result, CancellationToken cancellationToken = default) =>
        TellCoreAsync(trial, result, cancellationToken).AsTask();

    /// <summary>Tells a trial by number: one asked before the study was re-opened, for example.</summary>
    public Task<Trial> TellAsync(int trialNumber, ObjectiveResult result, CancellationToken cancellationToken = default) =>
        TellAsync(Pending(trialNumber), result, cancellationToken);

    /// <summary>Ends the trial as pruned, keeping its last reported value.</summary>
    public Task<Trial> TellPrunedAsync(RunningTrial trial, CancellationToken cancellationToken = default) =>
        FinishAsync(trial, TrialState.Pruned, null, null, cancellationToken).AsTask();

    /// <summary>Ends the trial as failed with the reason; samplers ignore it.</summary>
    public Task<Trial> TellFailedAsync(RunningTrial trial, string error, CancellationToken cancellationToken = default) =>
        FinishAsync(trial, TrialState.Failed, null, error, cancellationToken).AsTask();

    /// <summary>A configuration the next asked trial gets before the sampler is asked (Optuna's enqueue_trial); parameters it leaves out are sampled.</summary>
    public void Enqueue(IReadOnlyDictionary<string, object> parameters)
    {
        var values = CheckGiven(parameters, nameof(parameters));
        lock (_enqueued)
        {
            _enqueued.Enqueue(values);
        }
    }

    /// <summary>
    /// Stores an already-evaluated configuration as a completed trial that samplers learn from (Optuna's add_trial,
    /// scikit-optimize's x0 / y0). Give <paramref name="distributions"/> for parameters the objective has not declared yet.
    /// </summary>
    public async Task<Trial> AddTrialAsync(IReadOnlyDictionary<string, object> parameters, ObjectiveResult result, IEnumerable<Parameter>? distributions = null,
        CancellationToken cancellationToken = default)
    {
        var fixedDistributions = distributions?.ToList() ?? [];
        var values = CheckGiven(parameters, nameof(parameters));
        var known = fixedDistributions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        // Parameters the study already knows are declared with their distribution, so the trial records it.
        fixedDistributions.AddRange(values.Keys.Where(k => !known.Contains(k)).Select(Discovered.Find).OfType<Parameter>());
        var trial = await AskCoreAsync(fixedDistributions, values, cancellationToken);
        return await TellAsync(trial, result, cancellationToken);
    }

    /// <summary>TellAsync without a task of its own: for OptimizeAsync's workers, which await it at once.</summary>
    internal ValueTask<Trial> TellCoreAsync(RunningTrial trial, ObjectiveResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Values.Count != Directions.Count)
        {
            throw new ArgumentException($"values: study '{Name}' has {Directions.Count} objective(s), the result has {result.Values.Count}", nameof(result));
        }

        return AllFinite(result.Values)
            ? FinishAsync(trial, TrialState.Completed, result, null, cancellationToken)
            : FinishAsync(trial, TrialState.Failed, null, $"the objective is [{string.Join(", ", result.Values)}], not finite", cancellationToken);
    }

    internal async Task ReportAsync(RunningTrial handle, long step, double value, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var trial = Mirror(handle.Number);
            if (trial.IsFinished)
            {
                throw new InvalidOperationException($"trial {handle.Number} is already finished ({trial.State})");
            }

            var report = new TrialReport(step, value);
            if (await Store.AppendReportAsync(trial.Id, trial.Attempt, report, cancellationToken))
            {
                trial = Replace(trial with { Reports = [.. trial.Reports, report] });
            }

            var decision = _components.Scheduler.OnReport(new StudyView(Id, Space, Directions, _trials.StoredView()), trial, report);
            handle.ShouldPrune = decision.Action == SchedulerAction.Stop;
        }
        finally
        {
            _gate.Release();
        }
    }

    // ValueTask: OptimizeAsync's workers await it directly, and it mostly completes at once (no task per trial for them).
    private async ValueTask<RunningTrial> AskCoreAsync(IReadOnlyList<Parameter>? fixedDistributions, IReadOnlyDictionary<string, object>? given, CancellationToken cancellationToken)
    {
        for (var i = 0; i < (fixedDistributions?.Count ?? 0); i++)
        {
            Discovered.Register(fixedDistributions![i]);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var number = _trials.NextNumber;
            lock (_enqueued)
            {
                if (given is null && _enqueued.Count > 0)
                {
                    given = _enqueued.Dequeue();
                }
            }

            var proposal = ParameterSet.Empty;
            if (given is null && Discovered.Space.Parameters.Count > 0)
            {
                var suggested = CurrentSampler().Suggest(SamplerView(), 1);
                proposal = suggested.Count > 0 ? suggested[0] : ParameterSet.Empty;
            }

            var now = _time.GetUtcNow();
            var stored = new Trial
            {
                Id = Guid.CreateVersion7(now),
                Number = number,
                State = TrialState.Running,
                Params = given is null ? ParameterSet.Empty : new ParameterSet(given),
                StartedAt = now,
            };
            var handle = new RunningTrial(this, stored, proposal, given ?? ParameterSet.Empty);
            if (fixedDistributions is { Count: > 0 })
            {
                handle.Declare(fixedDistributions);
                handle.Stored = stored with
                {
                    Params = handle.Params,
                    Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { [ParameterDistribution.AttributeKey] = ParameterDistribution.Write(handle.Distributions) },
                };
            }

            await Store.CreateTrialAsync(Id, handle.Stored, cancellationToken);
            if (_status != StudyStatus.Running)
            {
                await Store.SetStudyStatusAsync(Id, StudyStatus.Running, null, cancellationToken);
                _status = StudyStatus.Running;
            }

            _trials.Add(handle.Stored);

            lock (_pending)
            {
                _pending[number] = handle;
            }

            return handle;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<Trial> FinishAsync(RunningTrial handle, TrialState state, ObjectiveResult? result, string? error, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var trial = Mirror(handle.Number);
            if (trial.IsFinished || trial.Id != handle.Id)
            {
                throw new InvalidOperationException($"trial {handle.Number} is already finished ({trial.State})");
            }

            var now = _time.GetUtcNow();
            var attributes = trial.Attributes;
            var distributions = handle.Distributions;
            if (distributions.Count > 0)
            {
                if (attributes.Count == 0)
                {
                    attributes = _distributionText.AttributesFor(distributions);
                }
                else
                {
                    var merged = attributes.TryGetValue(ParameterDistribution.AttributeKey, out var before)
                        ? ParameterDistribution.Write(ParameterDistribution.Read(before).Where(p => distributions.All(d => d.Name != p.Name)).Concat(distributions))
                        : _distributionText.For(distributions);
                    attributes = new Dictionary<string, string>(attributes, StringComparer.Ordinal) { [ParameterDistribution.AttributeKey] = merged };
                }

                await Store.SetTrialAttributeAsync(trial.Id, ParameterDistribution.AttributeKey, attributes[ParameterDistribution.AttributeKey], cancellationToken);
            }

            double? value = state switch
            {
                TrialState.Completed => result!.Values[0],
                TrialState.Pruned => trial.LastReport?.Value,
                _ => null,
            };
            var values = state == TrialState.Completed && Directions.Count > 1 ? result!.Values : null;
            var parameters = handle.Params;
            var duration = (now - (trial.StartedAt ?? now)).TotalSeconds;
            var outcome = new TrialOutcome(state, value, now, duration, Error: error) { Values = values, Constraints = result?.Constraints, Params = parameters };
            if (!await Store.FinishTrialAsync(trial.Id, trial.Attempt, outcome, cancellationToken))
            {
                throw new InvalidOperationException($"trial {handle.Number} was finished by someone else (another process on the same store?)");
            }

            lock (_pending)
            {
                _pending.Remove(handle.Number);
            }

            return Replace(trial with
            {
                State = state,
                Value = value,
                Values = values,
                Constraints = result?.Constraints,
                Params = parameters,
                Attributes = attributes,
                FinishedAt = now,
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    // A loop, not LINQ's All: this runs on every tell and the enumerator of a list would be boxed.
    private static bool AllFinite(IReadOnlyList<double> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    private RunningTrial Pending(int number)
    {
        lock (_pending)
        {
            return _pending.TryGetValue(number, out var trial) ? trial : throw new InvalidOperationException($"trial {number} of study '{Name}' is not waiting for a result");
        }
    }

    private Trial Mirror(int number)
    {
        return _trials.Find(number) ?? throw new InvalidOperationException($"study '{Name}' has no trial {number}");
    }

    private Trial Replace(Trial trial)
    {
        _trials.Replace(trial);
        return trial;
    }

    /// <summary>Given values (enqueued or evaluated): scalars only, and inside the distribution when the name is known.</summary>
    private Dictionary<string, object> CheckGiven(IReadOnlyDictionary<string, object> parameters, string argument)
    {
        ArgumentNullException.ThrowIfNull(parameters, argument);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, raw) in parameters)
        {
            var value = raw switch
            {
                int i => (long)i,
                float f => (double)f,
                string or bool or long or double => raw,
                _ => throw new ArgumentException($"parameter '{name}': {raw?.GetType().Name ?? "null"} is not a number, string or boolean", argument),
            };
            var known = Discovered.Find(name);
            if (known is not null && !DiscoveredSpace.Fits(known, value))
            {
                throw new ArgumentException($"parameter '{name}': {ParameterValues.Format(value)} is outside {ParameterDistribution.Describe(known)}", argument);
            }

            values[name] = known is null ? value : known.Normalize(value);
        }

        return values;
    }
}
