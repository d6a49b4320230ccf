using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Tpe;

/// <summary>Registers <c>sampler: {type: tpe, seed, nStartupTrials, nEiCandidates, multivariate, priorWeight, considerEndpoints, constantLiar}</c>.</summary>
public sealed class TpeSamplerFactory : ISamplerFactory
{
    public string Type => "tpe";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new TpeSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    private static TpeOptions Read(SpecObjectReader o)
    {
        var d = new TpeOptions();
        return new TpeOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            (int)(o.Integer("nStartupTrials", 0, 10000) ?? d.NStartupTrials),
            (int)(o.Integer("nEiCandidates", 1, 10000) ?? d.NEiCandidates),
            o.Bool("multivariate") ?? d.Multivariate,
            o.Number("priorWeight", 1e-6, 1e6) ?? d.PriorWeight,
            o.Bool("considerEndpoints") ?? d.ConsiderEndpoints,
            o.Bool("constantLiar") ?? d.ConstantLiar);
    }
}
