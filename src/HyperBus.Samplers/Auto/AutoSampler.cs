using System.Text.Json.Nodes;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers.GaussianProcess;

namespace HyperBus.Samplers.Auto;

/// <summary>The default sampler: picks gp, tpe, turbo or cmaes from the space and the trials so far (<see cref="AutoPolicy"/>), and names its choice on every trial.</summary>
/// <remarks>
/// The choice is stored as the trial attribute <see cref="ChoiceAttribute"/> (shown by <c>status</c> and in the
/// report's trial table). The delegates are built once and kept, so their caches (kernel fits, CMA-ES replay)
/// live as long as the study's sampler; each is a pure function of the history, so a restart changes nothing.
/// </remarks>
public sealed class AutoSampler : IPlanningSampler
{
    /// <summary>The trial attribute that names the sampler auto delegated the trial to.</summary>
    public const string ChoiceAttribute = TrialAttributeKeys.Sampler;

    private readonly AutoOptions _options;
    private readonly SamplerCatalog _catalog;
    private readonly StudyDirection _direction;
    private readonly Dictionary<string, ISampler> _delegates = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public AutoSampler(AutoOptions options, SamplerCatalog catalog, StudyDirection direction)
    {
        _options = options;
        _catalog = catalog;
        _direction = direction;
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) => [.. Plan(study, count).Select(p => p.Params)];

    public IReadOnlyList<TrialPlan> Plan(StudyView study, int count)
    {
        var completed = study.Completed.Count();
        var inFlight = study.Trials.Count(t => t.State == TrialState.Running) + count;
        var choice = AutoPolicy.Choose(study.Space, completed, _options, inFlight);
        if (choice == AutoPolicy.Gp && AutoPolicy.MayInterleaveTpe(study.Space, study.NextTrialNumber, _options, inFlight) && IsNoisy(study))
        {
            choice = AutoPolicy.Tpe;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { [ChoiceAttribute] = choice };
        return [.. Delegate(choice, study.Space).Suggest(study, count).Select(p => new TrialPlan(p) { Attributes = attributes })];
    }

    /// <summary>
    /// Whether the GP's next suggestion would rest on a noisy fit. Under noise the GP trusts long lengthscales and can
    /// exploit one side basin for a whole study; TPE's densities keep sampling the others.
    /// </summary>
    private bool IsNoisy(StudyView study) => ((GpSampler)Delegate(AutoPolicy.Gp, study.Space)).FitFindsNoise(study);

    private ISampler Delegate(string type, SearchSpace space)
    {
        lock (_gate)
        {
            if (!_delegates.TryGetValue(type, out var sampler))
            {
                // Running trials count against the TPE model (constant liar) so parallel workers spread out.
                var options = new JsonObject { ["seed"] = _options.Seed };
                if (type == AutoPolicy.Tpe)
                {
                    options["multivariate"] = true;
                    options["constantLiar"] = true;
                }

                // A low-dimensional study reaches the trust region after the global GP has seen the space, when its
                // noise estimate is worth trusting: under noise the region centres on the lowest posterior mean.
                if (type == AutoPolicy.TrustRegion && space.Parameters.Count <= _options.LowDimensions)
                {
                    options["posteriorCenter"] = true;
                }

                sampler = _catalog.Create(new ComponentSpec(type, options), space, _direction);
                _delegates[type] = sampler;
            }

            return sampler;
        }
    }
}
