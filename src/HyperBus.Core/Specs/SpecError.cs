namespace HyperBus.Core.Specs;

/// <summary>One problem in user input: the field path (<c>space.C.low</c>) and what is wrong with it.</summary>
public sealed record SpecError(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}
