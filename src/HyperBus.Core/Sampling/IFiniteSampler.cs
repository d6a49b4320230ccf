namespace HyperBus.Core.Sampling;

/// <summary>A sampler with a fixed number of configurations (a grid): a study never runs more trials than that.</summary>
public interface IFiniteSampler
{
    int Size { get; }
}
