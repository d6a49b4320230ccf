namespace HyperBus.Orchestration.Policies;

/// <summary>The name a study's trial pipeline is registered under: the study and the trainer pool (kind) it runs on.</summary>
public readonly record struct TrialPoolKey(Guid StudyId, string Trainer)
{
    public override string ToString() => $"{StudyId:N}/{Trainer}";
}
