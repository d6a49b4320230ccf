namespace HyperBus.Contracts;

/// <summary>Event: the host accepted a study and stored it.</summary>
public sealed record StudySubmitted(Guid StudyId, string Name, string Trainer, int Trials, DateTimeOffset AcceptedAt);
