using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Sampling;

/// <summary>
/// A search algorithm (an Optuna sampler, a Ray Tune searcher): given the study so far, which
/// configurations to try next. Pure: no I/O; all randomness comes from the seed.
/// </summary>
public interface ISampler
{
    /// <summary>
    /// Up to <paramref name="count"/> new configurations for trials numbered from
    /// <see cref="StudyView.NextTrialNumber"/>. Running trials are in the view so that a parallel study
    /// does not get the same point twice. Fewer than asked (or none) means the space is exhausted.
    /// </summary>
    IReadOnlyList<ParameterSet> Suggest(StudyView study, int count);
}
