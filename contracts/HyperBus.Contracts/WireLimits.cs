namespace HyperBus.Contracts;

/// <summary>Limits every peer keeps (contracts/asyncapi.yaml <c>x-max-message-bytes</c>).</summary>
public static class WireLimits
{
    /// <summary>
    /// The largest message body in bytes: messages carry references to checkpoints and models, never
    /// their bytes, so a bigger one is a mistake or an attack and is parked, not handled.
    /// </summary>
    public const int MaxMessageBytes = 1024 * 1024;
}
