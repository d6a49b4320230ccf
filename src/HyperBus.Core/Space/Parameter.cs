namespace HyperBus.Core.Space;

/// <summary>One hyperparameter of a search space: its name, its domain and when it is active.</summary>
public abstract class Parameter
{
    protected Parameter(string name, ParameterCondition? condition)
    {
        Name = name;
        Condition = condition;
    }

    public string Name { get; }

    /// <summary>Null for a parameter that is always active; otherwise the parent values that activate it.</summary>
    public ParameterCondition? Condition { get; }

    /// <summary>True when the value lies in this parameter's domain (bounds, step, choices).</summary>
    public abstract bool Contains(object value);

    /// <summary>Turns a value read back from JSON (or YAML) into this parameter's CLR type.</summary>
    public abstract object Normalize(object value);
}
