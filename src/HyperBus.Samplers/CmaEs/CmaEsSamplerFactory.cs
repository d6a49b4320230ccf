using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.CmaEs;

/// <summary>Registers <c>sampler: {type: cmaes, seed, sigma0, populationSize, restarts}</c>.</summary>
public sealed class CmaEsSamplerFactory : ISamplerFactory
{
    public string Type => "cmaes";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new CmaEsSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    private static CmaEsOptions Read(SpecObjectReader o)
    {
        var d = new CmaEsOptions();
        var population = o.Integer("populationSize", 2, 10000);
        return new CmaEsOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            o.Number("sigma0", 1e-6, 1) ?? d.Sigma0,
            population is null ? null : (int)population,
            o.Bool("restarts") ?? d.Restarts);
    }
}
