namespace HyperBus.Trainer.Sdk;

/// <summary>A trainer kind this process can run, and the type that implements it.</summary>
public sealed record TrainerRegistration(string Kind, Type TrainerType);
