using HyperBus.Core.Specs;

namespace HyperBus.Core.Space;

/// <summary>
/// The parameters of a study, ordered so that every parent comes before the parameters it activates;
/// conditional parameters make it a tree, as in Hyperopt's and Optuna's define-by-run spaces.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dictionary<string, Parameter> _byName;

    private SearchSpace(IReadOnlyList<Parameter> ordered)
    {
        Parameters = ordered;
        _byName = ordered.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Parents first, then the parameters they activate; otherwise in declaration order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public bool IsConditional => Parameters.Any(p => p.Condition is not null);

    public Parameter? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Builds a space, checking names and conditions; throws <see cref="SpecException"/> naming the field.</summary>
    public static SearchSpace Create(IEnumerable<Parameter> parameters, string path = "space")
    {
        var list = parameters.ToList();
        var errors = new List<SpecError>();
        var byName = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var p in list)
        {
            if (!byName.TryAdd(p.Name, p))
            {
                errors.Add(new SpecError($"{path}.{p.Name}", "is declared twice"));
            }
        }

        foreach (var p in list.Where(p => p.Condition is not null))
        {
            foreach (var (parent, values) in p.Condition!.Parents)
            {
                var at = $"{path}.{p.Name}.when.{parent}";
                if (!byName.TryGetValue(parent, out var parentParameter))
                {
                    errors.Add(new SpecError(at, $"names unknown parameter '{parent}'"));
                    continue;
                }

                if (parent == p.Name)
                {
                    errors.Add(new SpecError(at, "a parameter cannot depend on itself"));
                    continue;
                }

                foreach (var v in values.Where(v => !parentParameter.Contains(parentParameter.Normalize(v))))
                {
                    errors.Add(new SpecError(at, $"value '{ParameterValues.Format(v)}' is not in the domain of '{parent}'"));
                }
            }
        }

        SpecException.ThrowIfAny(errors);
        return new SearchSpace(TopologicalOrder(list, byName, path));
    }

    /// <summary>True when <paramref name="parameter"/> is active given the values assigned so far.</summary>
    public static bool IsActive(Parameter parameter, IReadOnlyDictionary<string, object> assigned) =>
        parameter.Condition is null || parameter.Condition.IsSatisfiedBy(assigned);

    /// <summary>
    /// Builds a configuration parameter by parameter: <paramref name="choose"/> is asked for each active
    /// parameter in order, so conditional parameters only appear when their parents allow them.
    /// </summary>
    public ParameterSet Build(Func<Parameter, IReadOnlyDictionary<string, object>, object> choose) =>
        Build(choose, static (p, assigned, chooser) => chooser(p, assigned));

    /// <summary>As <see cref="Build(Func{Parameter, IReadOnlyDictionary{string, object}, object})"/>, with a state for a static chooser (no closure per configuration).</summary>
    public ParameterSet Build<TState>(TState state, Func<Parameter, IReadOnlyDictionary<string, object>, TState, object> choose)
    {
        // The set is filled in place and handed to the chooser as it grows: one set per configuration, no dictionary copied into it.
        var assigned = new ParameterSet(Parameters.Count);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (IsActive(p, assigned))
            {
                assigned.Add(p.Name, choose(p, assigned, state));
            }
        }

        return assigned;
    }

    /// <summary>Checks a configuration: every active parameter present and in its domain, no inactive or unknown one.</summary>
    public IReadOnlyList<SpecError> Validate(IReadOnlyDictionary<string, object> values, string path = "params")
    {
        var errors = new List<SpecError>();
        foreach (var name in values.Keys.Where(k => !_byName.ContainsKey(k)))
        {
            errors.Add(new SpecError($"{path}.{name}", "is not a parameter of the search space"));
        }

        foreach (var p in Parameters)
        {
            var active = IsActive(p, values);
            var present = values.TryGetValue(p.Name, out var v);
            if (active && !present)
            {
                errors.Add(new SpecError($"{path}.{p.Name}", "is missing"));
            }
            else if (!active && present)
            {
                errors.Add(new SpecError($"{path}.{p.Name}", "is not active for the other values given"));
            }
            else if (present && !p.Contains(p.Normalize(v!)))
            {
                errors.Add(new SpecError($"{path}.{p.Name}", $"value '{ParameterValues.Format(v!)}' is outside the parameter's domain"));
            }
        }

        return errors;
    }

    private static List<Parameter> TopologicalOrder(List<Parameter> declared, Dictionary<string, Parameter> byName, string path)
    {
        var ordered = new List<Parameter>(declared.Count);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done

        void Visit(Parameter p, Stack<string> trail)
        {
            if (state.GetValueOrDefault(p.Name) == 2)
            {
                return;
            }

            if (state.GetValueOrDefault(p.Name) == 1)
            {
                var cycle = string.Join(" -> ", trail.Reverse().SkipWhile(n => n != p.Name).Append(p.Name));
                throw new SpecException([new SpecError($"{path}.{p.Name}.when", $"conditions form a cycle: {cycle}")]);
            }

            state[p.Name] = 1;
            trail.Push(p.Name);
            foreach (var parent in p.Condition?.Parents.Keys ?? Enumerable.Empty<string>())
            {
                Visit(byName[parent], trail);
            }

            trail.Pop();
            state[p.Name] = 2;
            ordered.Add(p);
        }

        foreach (var p in declared)
        {
            Visit(p, new Stack<string>());
        }

        return ordered;
    }
}
