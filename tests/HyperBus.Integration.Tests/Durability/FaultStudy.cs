namespace HyperBus.Integration.Tests.Durability;

/// <summary>The kind of study a fault-matrix row runs, chosen so the row's fault point is reached.</summary>
public enum FaultStudy
{
    /// <summary>Random search over the C# <c>noop</c> trainer (0.1 s per trial): submits, outcomes, requests.</summary>
    Noop,

    /// <summary>The C# <c>function-descent</c> trainer, which reports before it completes: reports and their decisions.</summary>
    Reporting,

    /// <summary>The Python <c>fault-flaky</c> trainer, whose first attempts all fail: retries.</summary>
    Flaky,

    /// <summary>A genetic algorithm over the C# <c>function</c> trainer: generation barriers.</summary>
    Generations,

    /// <summary>PBT over <c>function-descent</c> with checkpoints: exploit and explore.</summary>
    Exploit,
}
