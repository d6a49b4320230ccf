using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.ParticleSwarm;

/// <summary>Registers <c>sampler: {type: pso, seed, swarmSize, inertia, cognitive, social, maxVelocity}</c>.</summary>
public sealed class ParticleSwarmSamplerFactory : ISamplerFactory
{
    public string Type => "pso";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new ParticleSwarmSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    private static ParticleSwarmOptions Read(SpecObjectReader o)
    {
        var d = new ParticleSwarmOptions();
        return new ParticleSwarmOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            (int)(o.Integer("swarmSize", 2, 100000) ?? d.SwarmSize),
            o.Number("inertia", 0, 2) ?? d.Inertia,
            o.Number("cognitive", 0, 10) ?? d.Cognitive,
            o.Number("social", 0, 10) ?? d.Social,
            o.Number("maxVelocity", 1e-6, 1) ?? d.MaxVelocity);
    }
}
