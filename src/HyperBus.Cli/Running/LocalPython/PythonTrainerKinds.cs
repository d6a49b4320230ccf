namespace HyperBus.Cli.Running.LocalPython;

/// <summary>
/// The trainer kinds the Python SDK ships (plugins/python/hyperbus_trainer/examples), which an in-process
/// <c>tune</c> runs in local Python workers. A test checks this list against the SDK's registry.
/// </summary>
public static class PythonTrainerKinds
{
    private static readonly Dictionary<string, PythonTrainerKind> Kinds = new PythonTrainerKind[]
    {
        new("sklearn-svc", null, ["numpy", "sklearn"]),
        new("sklearn-rf", null, ["numpy", "sklearn"]),
        new("sgd-digits", null, ["numpy", "sklearn"]),
        new("mlp-digits", null, ["numpy", "sklearn"]),
        new("pbt-digits", null, ["numpy", "sklearn"]),
        // PyTorch loads slowly, so the SDK registers it only when its module is imported.
        new("torch-mlp", "hyperbus_trainer.examples.torch_mlp", ["numpy", "sklearn", "torch"]),
    }.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Kinds.Keys;

    public static PythonTrainerKind? Find(string kind) => Kinds.GetValueOrDefault(kind);
}
