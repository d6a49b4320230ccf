namespace HyperBus.Verification.Tests;

/// <summary>Tests that share the PyTorch-made models (trained once per run).</summary>
[CollectionDefinition(Name)]
public sealed class PythonModelsCollection : ICollectionFixture<PythonModels>
{
    public const string Name = "python-models";
}
