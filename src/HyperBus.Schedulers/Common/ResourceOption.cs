namespace HyperBus.Schedulers.Common;

/// <summary>A resource option that is either a number or 'auto' (estimated from the study once a trial completes).</summary>
public sealed record ResourceOption(double? Value)
{
    public static ResourceOption Auto { get; } = new((double?)null);

    public bool IsAuto => Value is null;

    public static ResourceOption Fixed(double value) => new(value);
}
