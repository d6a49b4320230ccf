namespace HyperBus.Cli.Running.LocalPython;

/// <summary>One line of the local transport: the message type and the message as the broker would carry it.</summary>
public sealed record LocalEnvelope<T>(string MessageType, T Message);
