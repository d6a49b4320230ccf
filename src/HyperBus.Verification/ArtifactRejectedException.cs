namespace HyperBus.Verification;

/// <summary>A returned artifact the host will not use; the message names the problem and fails the attempt.</summary>
public sealed class ArtifactRejectedException : Exception
{
    public ArtifactRejectedException(string message)
        : base(message)
    {
    }

    public ArtifactRejectedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ArtifactRejectedException()
    {
    }

    /// <summary>True when another attempt could succeed (the model could not be read, say), false for a path the host never accepts.</summary>
    public bool Retryable { get; init; }
}
