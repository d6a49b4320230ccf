using HyperBus.Core.Space;
using HyperBus.Core.Specs;

namespace HyperBus.Samplers.Grid;

/// <summary>
/// Lists every configuration of a space on its grid (GridSearchCV's semantics): the product of each
/// parameter's values, where a conditional parameter only multiplies the branches that activate it.
/// </summary>
public static class GridEnumerator
{
    /// <summary>Above this a grid is a mistake in the spec, not a study.</summary>
    public const long MaxGridSize = 1_000_000;

    private const long MaxIntRange = 10_000;

    /// <summary>The values a parameter takes on the grid, or an error naming why it has none.</summary>
    public static IReadOnlyList<object>? GridValues(Parameter parameter, out string? problem)
    {
        problem = null;
        switch (parameter)
        {
            case CategoricalParameter c:
                return c.Choices;
            case NumericParameter { Values: { } values } n:
                return values.Select(v => n.Normalize(v)).ToList();
            case IntParameter i when i.Count <= MaxIntRange:
                return Enumerable.Range(0, (int)i.Count).Select(k => (object)(i.IntLow + (k * i.Step))).ToList();
            case IntParameter:
                problem = $"has more than {MaxIntRange} values; give values: or a larger step for a grid";
                return null;
            case FloatParameter { Step: { } step } f:
                var count = (long)Math.Floor(((f.High - f.Low) / step) + 1e-9) + 1;
                if (count > MaxIntRange)
                {
                    problem = $"has more than {MaxIntRange} values; give values: or a larger step for a grid";
                    return null;
                }

                return Enumerable.Range(0, (int)count).Select(k => f.FromInternal(f.Low + (k * step))).Distinct().ToList();
            default:
                problem = "needs values: or step: to be on a grid";
                return null;
        }
    }

    /// <summary>Every grid configuration, in declaration order (the last parameter varies fastest).</summary>
    public static IReadOnlyList<ParameterSet> Enumerate(SearchSpace space)
    {
        var grids = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        var errors = new List<SpecError>();
        foreach (var p in space.Parameters)
        {
            var values = GridValues(p, out var problem);
            if (values is null)
            {
                errors.Add(new SpecError($"space.{p.Name}", problem!));
            }
            else
            {
                grids[p.Name] = values;
            }
        }

        SpecException.ThrowIfAny(errors);
        var result = new List<ParameterSet>();
        Expand(space.Parameters, 0, new Dictionary<string, object>(StringComparer.Ordinal), grids, result);
        return result;
    }

    /// <summary>
    /// How many configurations the grid has, counted without listing them, stopping once past
    /// <see cref="MaxGridSize"/>: the parser uses it to refuse a grid of 10^12 points before a study exists.
    /// </summary>
    public static long Count(SearchSpace space, IReadOnlyDictionary<string, IReadOnlyList<object>> grids)
    {
        // The product bounds the count from above (conditions only remove branches): most grids stop here.
        var product = 1.0;
        foreach (var p in space.Parameters)
        {
            product *= grids[p.Name].Count;
        }

        if (product <= MaxGridSize)
        {
            return (long)product;
        }

        var count = 0L;
        CountBranches(space.Parameters, 0, new Dictionary<string, object>(StringComparer.Ordinal), grids, ref count);
        return count;
    }

    private static void CountBranches(IReadOnlyList<Parameter> parameters, int index, Dictionary<string, object> assigned, IReadOnlyDictionary<string, IReadOnlyList<object>> grids, ref long count)
    {
        if (count > MaxGridSize)
        {
            return;
        }

        if (index == parameters.Count)
        {
            count++;
            return;
        }

        var p = parameters[index];
        if (!SearchSpace.IsActive(p, assigned))
        {
            CountBranches(parameters, index + 1, assigned, grids, ref count);
            return;
        }

        foreach (var value in grids[p.Name])
        {
            assigned[p.Name] = value;
            CountBranches(parameters, index + 1, assigned, grids, ref count);
        }

        assigned.Remove(p.Name);
    }

    private static void Expand(IReadOnlyList<Parameter> parameters, int index, Dictionary<string, object> assigned, Dictionary<string, IReadOnlyList<object>> grids, List<ParameterSet> result)
    {
        if (result.Count > MaxGridSize)
        {
            throw new SpecException([new SpecError("space", $"the grid has more than {MaxGridSize} configurations")]);
        }

        if (index == parameters.Count)
        {
            result.Add(new ParameterSet(assigned));
            return;
        }

        var p = parameters[index];
        if (!SearchSpace.IsActive(p, assigned))
        {
            Expand(parameters, index + 1, assigned, grids, result);
            return;
        }

        foreach (var value in grids[p.Name])
        {
            assigned[p.Name] = value;
            Expand(parameters, index + 1, assigned, grids, result);
        }

        assigned.Remove(p.Name);
    }
}
