namespace HyperBus.Core.Specs.Policies;

/// <summary>
/// The spec's <c>hedge:</c> block (off unless given): a trial running longer than <paramref name="AfterQuantile"/>
/// of the completed trials' durations (once <paramref name="MinCompleted"/> have completed), or longer than
/// <paramref name="AfterSeconds"/>, gets a second attempt on another worker; at most <paramref name="MaxHedged"/> at once.
/// </summary>
public sealed record HedgeSpec(double? AfterQuantile, int MinCompleted, int MaxHedged, double? AfterSeconds)
{
    public const int DefaultMinCompleted = 10;

    public const int DefaultMaxHedged = 2;
}
