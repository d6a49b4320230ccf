namespace HyperBus.Core.Storage;

/// <summary>
/// The saga instance of a study as stored: its state machine state and why it is paused. <see cref="Version"/>
/// guards each save, so two hosts can never both write the same study's next state.
/// </summary>
public sealed record StudySaga(Guid StudyId, string State, int Version, string? PauseReason = null);
