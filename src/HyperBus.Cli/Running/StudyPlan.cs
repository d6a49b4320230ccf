using System.Text;
using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus.Cli.Running;

/// <summary>
/// What <c>hyperbus tune --dry-run</c> prints: the spec checked the way the host checks it, its sampler and scheduler
/// built and asked for the first configurations, and nothing stored or sent.
/// </summary>
public static class StudyPlan
{
    private const int Shown = 3;

    /// <summary>Describes the study a spec would run; throws <see cref="SpecException"/> for anything the host would refuse.</summary>
    public static string Describe(StudySpec spec, IReadOnlyCollection<string>? trainers)
    {
        var factory = new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, trainers);
        spec = factory.Parse(spec.Document);
        var scheduler = SchedulerCatalog.Default.Create(spec.Scheduler, spec.Fidelity, spec.Direction);
        var sampler = scheduler is ISamplerOwningScheduler owner
            ? owner.CreateSampler(spec.Space)
            : SamplerCatalog.Default.Create(spec.Sampler, spec.Space, spec.Direction);
        var trials = sampler is IFiniteSampler finite ? Math.Min(finite.Size, spec.Trials) : spec.Trials;
        var first = sampler.Suggest(new StudyView(Guid.Empty, spec.Space, spec.Directions, []), Math.Min(Shown, trials));

        var text = new StringBuilder();
        text.AppendLine($"study {spec.Name}: {trials} trials of '{spec.Trainer}', {spec.Parallelism} at a time (dry run: nothing stored or sent)");
        text.AppendLine($"  {string.Join(", ", spec.Directions.Select(d => d.ToString().ToLowerInvariant()))} {spec.Metric}; sampler {(scheduler is ISamplerOwningScheduler ? $"of {spec.Scheduler.Type}" : spec.Sampler.Type)}, scheduler {spec.Scheduler.Type}");
        text.AppendLine($"  space: {string.Join(", ", spec.Space.Parameters.Select(p => p.Name))}");
        for (var i = 0; i < first.Count; i++)
        {
            text.AppendLine($"  trial {i}: {string.Join(", ", first[i].Select(p => $"{p.Key}={ParameterValues.Format(p.Value)}"))}");
        }

        return text.ToString();
    }
}
