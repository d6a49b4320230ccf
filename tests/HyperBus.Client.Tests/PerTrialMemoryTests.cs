using HyperBus.Core.Trials;
using Xunit.Abstractions;

namespace HyperBus.Client.Tests;

/// <summary>
/// What a trial of an in-memory study allocates and keeps (issue 16): a study that keeps less per trial pays fewer and
/// cheaper collections as it grows, which is what keeps the per-trial cost flat. Bytes, not time: the counters are exact.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class PerTrialMemoryTests(ITestOutputHelper output)
{
    private const int Trials = 4000;

    [Fact]
    public async Task A_trial_allocates_and_keeps_a_bounded_amount()
    {
        await RunAsync(200); // JIT and static state, not counted
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var study = await Study.CreateAsync("memory", StudyDirection.Minimize, new StudyOptions { Sampler = "random", Seed = 0 });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await Optimize(study, Trials);

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Trials;
        var kept = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)Trials;
        GC.KeepAlive(study);
        output.WriteLine($"allocated {allocated:F0} B and kept {kept:F0} B per trial");
        Assert.Equal(Trials, study.Trials.Count);
        // On main before the cuts (59b72f1): 4.9 KiB allocated and 1.1 KiB kept per trial (now about 2.0 KiB and 0.6 KiB).
        Assert.InRange(allocated, 0, 3 * 1024);
        Assert.InRange(kept, 0, 900);
    }

    private static async Task RunAsync(int trials)
    {
        using var study = await Study.CreateAsync("warm-up", StudyDirection.Minimize, new StudyOptions { Sampler = "random", Seed = 0 });
        await Optimize(study, trials);
    }

    private static Task Optimize(Study study, int trials) =>
        study.OptimizeAsync(t =>
        {
            var x = t.SuggestFloat("x", -10, 10);
            var y = t.SuggestFloat("y", -10, 10);
            return Task.FromResult((x * x) + (y * y));
        }, trials);
}
