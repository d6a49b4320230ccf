namespace HyperBus.Core.Space;

/// <summary>A parameter that takes one of a list of choices (strings, numbers or booleans).</summary>
public sealed class CategoricalParameter : Parameter
{
    public CategoricalParameter(string name, IReadOnlyList<object> choices, ParameterCondition? condition = null)
        : base(name, condition)
    {
        Choices = choices;
    }

    public IReadOnlyList<object> Choices { get; }

    public override bool Contains(object value) => IndexOf(value) >= 0;

    /// <summary>The index of the choice equal to <paramref name="value"/>, or -1.</summary>
    public int IndexOf(object value)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            if (ParameterValues.AreEqual(Choices[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    public override object Normalize(object value)
    {
        var index = IndexOf(value);
        return index >= 0 ? Choices[index] : value;
    }
}
