using System.Text.Json.Nodes;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers;

namespace HyperBus.Bench;

/// <summary>The HyperBus samplers the benchmark compares, built through the catalog exactly as a spec would.</summary>
public static class BenchSamplers
{
    public static IReadOnlyList<string> Names { get; } = ["random", "sobol", "tpe", "tpe-mv", "gp", "cmaes", "turbo", "auto"];

    public static ISampler Create(string name, int seed, SearchSpace space)
    {
        var options = new JsonObject { ["seed"] = seed };
        var type = name;
        // Variants for experiments: "turbo-f50" is turbo with failureTolerance 50.
        if (name.StartsWith("turbo-f", StringComparison.Ordinal))
        {
            type = "turbo";
            options["failureTolerance"] = int.Parse(name["turbo-f".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        // "auto-global": auto as it was before session 10, the global GP alone for a whole low-dimensional study (no
        // hand-over to the trust region, no TPE trials under noise).
        if (name == "auto-global")
        {
            type = "auto";
            options["localTrials"] = 0;
            options["noisyTpeEvery"] = 0;
        }

        if (name == "cmaes-norestart")
        {
            type = "cmaes";
            options["restarts"] = false;
        }

        // The batch comparison's two TPEs: with the constant liar (now the default) and without.
        if (name is "tpe-cl" or "tpe-nocl")
        {
            type = "tpe";
            options["constantLiar"] = name == "tpe-cl";
        }

        // The GP's earlier batch rules (issue 21), for the batch comparison: the constant liar, and fantasy-averaged
        // EI for every point of a batch (the default before confidence bounds took the later points).
        if (name is "gp-cl" or "gp-fant")
        {
            type = "gp";
            options["batch"] = name == "gp-cl" ? "constantLiar" : "fantasies";
        }

        if (name == "tpe-mv")
        {
            type = "tpe";
            options["multivariate"] = true;
        }

        var spec = new ComponentSpec(type, options);
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions(type, new SpecObjectReader(options, "sampler", errors), space);
        SpecException.ThrowIfAny(errors);
        return SamplerCatalog.Default.Create(spec, space, StudyDirection.Minimize);
    }
}
