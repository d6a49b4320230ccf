using HyperBus.Core.Scheduling;
using HyperBus.Schedulers.Pbt;

namespace HyperBus.Schedulers.Tests.Pbt;

/// <summary>PBT never stops a running trial (it acts between generations), so it passes the contract as a non-stopping scheduler.</summary>
public sealed class PbtContract : SchedulerContractTests
{
    protected override bool Stops => false;

    protected override IScheduler Create() => new PbtScheduler(new PbtSchedulerOptions());
}
