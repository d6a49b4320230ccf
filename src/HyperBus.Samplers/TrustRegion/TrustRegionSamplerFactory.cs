using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.TrustRegion;

/// <summary>Registers <c>sampler: {type: turbo, seed, nStartupTrials, initialLength, minLength, maxLength, successTolerance, failureTolerance, candidates, maxObservations, fitObservations, freshRestarts, posteriorCenter}</c>.</summary>
public sealed class TrustRegionSamplerFactory : ISamplerFactory
{
    public string Type => "turbo";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new TrustRegionSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    internal static TrustRegionOptions Read(SpecObjectReader o)
    {
        var d = new TrustRegionOptions();
        var options = new TrustRegionOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            (int)(o.Integer("nStartupTrials", 0, 10000) ?? d.NStartupTrials),
            o.Number("initialLength", 1e-6, 2) ?? d.InitialLength,
            o.Number("minLength", 1e-9, 1) ?? d.MinLength,
            o.Number("maxLength", 1e-6, 2) ?? d.MaxLength,
            (int)(o.Integer("successTolerance", 1, 1000) ?? d.SuccessTolerance),
            (int)(o.Integer("failureTolerance", 0, 1000) ?? d.FailureTolerance),
            (int)(o.Integer("candidates", 1, 100000) ?? d.Candidates),
            (int)(o.Integer("maxObservations", 10, 5000) ?? d.MaxObservations),
            (int)(o.Integer("fitObservations", 10, 5000) ?? d.FitObservations),
            o.Bool("freshRestarts") ?? d.FreshRestarts,
            o.Bool("posteriorCenter") ?? d.PosteriorCenter);
        if (options.MinLength >= options.InitialLength || options.InitialLength > options.MaxLength)
        {
            o.Error("initialLength", $"must lie between minLength ({options.MinLength}) and maxLength ({options.MaxLength})");
        }

        return options;
    }
}
