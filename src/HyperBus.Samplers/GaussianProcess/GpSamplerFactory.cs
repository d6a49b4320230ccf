using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Registers <c>sampler: {type: gp, seed, nStartupTrials, restarts, candidates, localSearches, maxObservations, fitObservations, batch: confidenceBounds | fantasies | constantLiar}</c>.</summary>
public sealed class GpSamplerFactory : ISamplerFactory
{
    private static readonly string[] BatchNames = ["confidenceBounds", "fantasies", "constantLiar"];

    public string Type => "gp";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new GpSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    private static GpSamplerOptions Read(SpecObjectReader o)
    {
        var d = new GpSamplerOptions();
        return new GpSamplerOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            (int)(o.Integer("nStartupTrials", 0, 10000) ?? d.NStartupTrials),
            (int)(o.Integer("restarts", 0, 100) ?? d.Restarts),
            (int)(o.Integer("candidates", 1, 100000) ?? d.Candidates),
            (int)(o.Integer("localSearches", 0, 100) ?? d.LocalSearches),
            (int)(o.Integer("maxObservations", 10, 5000) ?? d.MaxObservations),
            (int)(o.Integer("fitObservations", 10, 5000) ?? d.FitObservations),
            o.Enum("batch", BatchNames) switch
            {
                "fantasies" => GpBatchAcquisition.Fantasies,
                "constantLiar" => GpBatchAcquisition.ConstantLiar,
                _ => d.Batch,
            });
    }
}
