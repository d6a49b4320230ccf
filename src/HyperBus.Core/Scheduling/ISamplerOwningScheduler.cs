using HyperBus.Core.Sampling;
using HyperBus.Core.Space;

namespace HyperBus.Core.Scheduling;

/// <summary>
/// A scheduler that brings its own sampler because the two decide together (BOHB's model per budget,
/// PBT's population): the study uses this sampler, and a spec that also names a sampler is rejected.
/// </summary>
public interface ISamplerOwningScheduler : IScheduler
{
    ISampler CreateSampler(SearchSpace space);
}
