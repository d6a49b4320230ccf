using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Faults;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Takes a submitted study: parses its spec (rejecting it with the errors), stores it and announces it. Its first trials are the next activity's.</summary>
public sealed class AdmitStudyActivity(StudyFactory factory, StudyRuntimeRegistry registry, StudyTransaction transaction, TimeProvider time, ILogger<AdmitStudyActivity> logger)
    : StudyActivity<SubmitStudy>
{
    protected override Task ExecuteAsync(BehaviorContext<StudyState, SubmitStudy> context)
    {
        var message = context.Message;
        StudySpec spec;
        try
        {
            spec = factory.Parse(message.Spec);
        }
        catch (SpecException e)
        {
            logger.LogWarning("Rejected study {Study}: {Errors}", message.StudyId, e.Message);
            transaction.Publish(message.StudyId, new StudyRejected(message.StudyId, [.. e.Errors.Select(x => x.ToString())]));
            context.Saga.Next = StudyEnd.Rejected;
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        var record = new StudyRecord(message.StudyId, spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, now, null);
        transaction.Write(w => w.CreateStudy(record));
        var runtime = factory.CreateRuntime(record, spec, [], now);
        registry.Add(runtime);
        transaction.FaultPoint = FaultPoint.StudyAdmitted;
        logger.LogInformation("Study {Name} ({Study}) accepted: {Trials} trials of {Trainer}", spec.Name, record.Id, runtime.Spec.Trials, spec.Trainer);
        transaction.Publish(record.Id, new StudySubmitted(record.Id, spec.Name, spec.Trainer, runtime.Spec.Trials, now));
        context.Saga.Next = StudyEnd.Running;
        return Task.CompletedTask;
    }
}
