using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Outbox;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// What handling one message changes, gathered by the saga's activities and committed by the saga repository
/// in one store transaction with the study's new state: trial writes, and every message to send, which the
/// outbox relays only after the commit. One per consumed message (a scoped service).
/// </summary>
public sealed class StudyTransaction(HyperBusOptions options, Metrics.HyperBusMetrics metrics)
{
    public StudyCommit Commit { get; } = new();

    /// <summary>A fault point to reach right after the commit, before the relay (see <see cref="Faults.FaultPoint"/>).</summary>
    public string? FaultPoint { get; set; }

    /// <summary>Runs after a successful commit (a lease to give up once the study has ended, say).</summary>
    public List<Func<CancellationToken, Task>> AfterCommit { get; } = [];

    public void Write(Action<IStudyWriter> write) => Commit.Write(write);

    public void Publish<T>(Guid studyId, T message)
        where T : class => Commit.Send(OutboxCodec.Encode(studyId, message, OutboxCodec.Publish));

    public void Request(Guid studyId, string trainer, TrialRequested request) =>
        Commit.Send(OutboxCodec.Encode(studyId, request, OutboxCodec.Queue(MessageNames.TrainerQueue(trainer))));

    /// <summary>
    /// A decision for the worker that asked: over RabbitMQ to the decisions exchange routed by its id, so only
    /// its queue gets it; in process it is published and the waiting worker matches it by trial, attempt and step.
    /// </summary>
    public void Decide(TrialDecision decision, string workerId) => Commit.Send(options.Transport == BusTransport.RabbitMq
        ? OutboxCodec.Encode(decision.StudyId, decision, OutboxCodec.DirectExchange(MessageNames.DecisionExchange, workerId))
        : OutboxCodec.Encode(decision.StudyId, decision, OutboxCodec.Publish));

    /// <summary>Counts a message that changed nothing, in the store (per study, for status) and in the metrics.</summary>
    public void CountDrop(Guid studyId, string reason, string messageType)
    {
        Commit.CountDrop(studyId, reason);
        metrics.RecordDroppedOutcome(messageType, reason);
    }
}
