using HyperBus.Core.Scheduling;
using HyperBus.Schedulers.Asha;
using HyperBus.Schedulers.Common;
using HyperBus.Schedulers.Fifo;
using HyperBus.Schedulers.Hyperband;
using HyperBus.Schedulers.Median;
using HyperBus.Schedulers.Patience;
using HyperBus.Schedulers.Percentile;
using HyperBus.Schedulers.SuccessiveHalving;

namespace HyperBus.Schedulers.Tests;

public sealed class FifoContract : SchedulerContractTests
{
    protected override bool Stops => false;

    protected override IScheduler Create() => new FifoScheduler();
}

public sealed class MedianContract : SchedulerContractTests
{
    protected override IScheduler Create() => new MedianScheduler(new MedianSchedulerOptions(NStartupTrials: 2));
}

public sealed class PercentileContract : SchedulerContractTests
{
    protected override IScheduler Create() => new PercentileScheduler(new PercentileSchedulerOptions(25, NStartupTrials: 2));
}

public sealed class PatienceContract : SchedulerContractTests
{
    protected override IScheduler Create() => new PatienceScheduler(new PatienceSchedulerOptions(2));
}

public sealed class SuccessiveHalvingContract : SchedulerContractTests
{
    protected override IScheduler Create() => new SuccessiveHalvingScheduler(new SuccessiveHalvingSchedulerOptions(ResourceOption.Fixed(1), 2));
}

public sealed class HyperbandContract : SchedulerContractTests
{
    protected override IScheduler Create() => new HyperbandScheduler(new HyperbandSchedulerOptions(1, ResourceOption.Fixed(27), 3, Seed: 5));
}

public sealed class AshaContract : SchedulerContractTests
{
    protected override IScheduler Create() => new AshaScheduler(new AshaSchedulerOptions(1, 27, 3, Brackets: 2, Seed: 5));
}
