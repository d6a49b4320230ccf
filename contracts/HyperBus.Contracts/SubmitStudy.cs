using System.Text.Json;

namespace HyperBus.Contracts;

/// <summary>Command: run a study. Sent to the optimizer host's queue.</summary>
/// <param name="StudyId">Chosen by the submitter so it can follow the study before the host answers.</param>
/// <param name="Spec">The study spec as a JSON object (the same fields as the YAML spec file).</param>
/// <param name="SubmittedAt">When the submitter sent it.</param>
public sealed record SubmitStudy(Guid StudyId, JsonElement Spec, DateTimeOffset SubmittedAt);
