using HyperBus.Core.Trials;

namespace HyperBus.Core.Sampling;

/// <summary>
/// A sampler that plans whole trials (budget, checkpoint to resume from, attributes), not only their
/// configurations. The saga uses <see cref="Plan"/> instead of <see cref="ISampler.Suggest"/> when a
/// sampler implements it.
/// </summary>
public interface IPlanningSampler : ISampler
{
    /// <summary>Up to <paramref name="count"/> trials numbered from <see cref="StudyView.NextTrialNumber"/>; fewer means none can start now.</summary>
    IReadOnlyList<TrialPlan> Plan(StudyView study, int count);
}
