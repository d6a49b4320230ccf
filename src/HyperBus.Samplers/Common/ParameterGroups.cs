using HyperBus.Core.Space;

namespace HyperBus.Samplers.Common;

/// <summary>Splits a space into groups of parameters that are always active together.</summary>
/// <remarks>
/// Parameters with the same activation condition appear in exactly the same trials, so a joint model
/// over them always has complete observations (Optuna's <c>group=True</c> decomposition, derived here
/// from the declared conditions instead of from the history).
/// </remarks>
public static class ParameterGroups
{
    /// <summary>Groups in space order (a group's position is that of its first parameter).</summary>
    public static IReadOnlyList<IReadOnlyList<Parameter>> ByCondition(SearchSpace space) =>
        [.. space.Parameters.GroupBy(Signature, StringComparer.Ordinal).Select(g => (IReadOnlyList<Parameter>)[.. g])];

    public static IReadOnlyList<IReadOnlyList<Parameter>> Singletons(SearchSpace space) =>
        [.. space.Parameters.Select(p => (IReadOnlyList<Parameter>)[p])];

    private static string Signature(Parameter p) => p.Condition is null
        ? string.Empty
        : string.Join(";", p.Condition.Parents
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => $"{x.Key}=[{string.Join(",", x.Value.Select(ParameterValues.Format).Order(StringComparer.Ordinal))}]"));
}
