namespace HyperBus.Core.Specs;

/// <summary>Invalid user input; the CLI prints the errors and exits with code 2.</summary>
public sealed class SpecException : Exception
{
    public SpecException(IReadOnlyList<SpecError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public SpecException()
        : this([])
    {
    }

    public SpecException(string message)
        : this([new SpecError("spec", message)])
    {
    }

    public SpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SpecError("spec", message)];
    }

    public IReadOnlyList<SpecError> Errors { get; }

    public static void ThrowIfAny(IReadOnlyList<SpecError> errors)
    {
        if (errors.Count > 0)
        {
            throw new SpecException(errors);
        }
    }
}
