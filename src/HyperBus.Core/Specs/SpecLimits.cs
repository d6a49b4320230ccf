namespace HyperBus.Core.Specs;

/// <summary>
/// The sizes a spec may reach. A spec is a short text a person writes; anything past these is a mistake or an
/// attack (a YAML alias bomb, a grid of 10^12 points), refused by the parser before anything is stored.
/// </summary>
public static class SpecLimits
{
    /// <summary>The largest spec file read; the message that carries a study is 1 MiB at most too.</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>Nodes (mappings, lists and scalars) after aliases are expanded: a billion-laughs document stops here.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Characters of scalar text after aliases are expanded.</summary>
    public const int MaxExpandedChars = 4 << 20;

    /// <summary>Aliases (<c>*name</c>) in one document: real specs use a handful.</summary>
    public const int MaxAliases = 1_000;

    /// <summary>Nesting of mappings and lists, counted from the document's root.</summary>
    public const int MaxDepth = 32;

    /// <summary>Parameters in one search space.</summary>
    public const int MaxParameters = 1_000;

    /// <summary>The spec as JSON (what the SubmitStudy message carries), after aliases are expanded.</summary>
    public const int MaxDocumentBytes = 512 * 1024;
}
