namespace HyperBus.Cli.Running.LocalPython;

/// <summary>A Python trainer kind: the module that registers it (null: the SDK's examples) and the modules it imports.</summary>
public sealed record PythonTrainerKind(string Kind, string? Module, IReadOnlyList<string> RequiredModules);
