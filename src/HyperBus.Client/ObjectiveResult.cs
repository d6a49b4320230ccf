namespace HyperBus;

/// <summary>
/// What an objective returns: one value per study direction and, optionally, constraint values that must
/// all be &lt;= 0 for the trial to count as feasible (Optuna's convention). A double or a double[] converts to it.
/// </summary>
public sealed record ObjectiveResult
{
    public ObjectiveResult(IReadOnlyList<double> values, IReadOnlyList<double>? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Constraints = constraints;
    }

    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<double>? Constraints { get; }

    public static implicit operator ObjectiveResult(double value) => FromDouble(value);

    // Two arguments, so the record's copy constructor (reached through this very conversion) is never a candidate.
    public static implicit operator ObjectiveResult(double[] values) => new(values, null);

    public static ObjectiveResult FromDouble(double value) => new([value], null);

    /// <summary>A result with constraints: <c>ObjectiveResult.Constrained(score, c1, c2)</c>.</summary>
    public static ObjectiveResult Constrained(double value, params double[] constraints) => new([value], constraints);
}
