namespace HyperBus.Core.Trials;

/// <summary>Trial attribute keys the saga itself reads; samplers and schedulers may add their own.</summary>
public static class TrialAttributeKeys
{
    /// <summary>The checkpoint a trial starts from; sent to the trainer as <c>TrialRequested.Checkpoint</c>.</summary>
    public const string ResumeFrom = "checkpoint.from";

    /// <summary>The generation of a population sampler's trial.</summary>
    public const string Generation = "generation";

    /// <summary>The sampler that chose the trial's configuration, when a delegating sampler (auto) names it.</summary>
    public const string Sampler = "sampler";

    /// <summary>Set on a trial that ran a configuration from the spec's <c>enqueue:</c> list.</summary>
    public const string Enqueued = "enqueued";
}
