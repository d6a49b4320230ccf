namespace HyperBus.Client.Tests;

/// <summary>Tests that read the process's allocation and heap counters: run alone, so no other test's allocation is counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory counters";
}
