using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Random;

/// <summary>Independent uniform sampling (RandomizedSearchCV): uniform on each axis, log-uniform on log scales.</summary>
public sealed class RandomSampler : ISampler
{
    private readonly RandomSamplerOptions _options;

    public RandomSampler(RandomSamplerOptions options)
    {
        _options = options;
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var first = study.NextTrialNumber;
        var result = new ParameterSet[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = SampleOne(study.Space, TrialRandom.For(_options.Seed, first + i));
        }

        return result;
    }

    /// <summary>One uniform draw from the space; other samplers use it for their start-up trials.</summary>
    public static ParameterSet SampleOne(SearchSpace space, System.Random random) =>
        space.Build(random, static (p, _, r) => SampleParameter(p, r));

    public static object SampleParameter(Parameter parameter, System.Random random) => parameter switch
    {
        CategoricalParameter c => c.Choices[random.Next(c.Choices.Count)],
        NumericParameter { Values: { } values } n => n.Normalize(values[random.Next(values.Count)]),
        IntParameter { Log: false } i => i.IntLow + (random.NextInt64(i.Count) * i.Step),
        // Widen the interval by half a step each side so the end values are as likely as inner ones.
        IntParameter i => i.FromInternal(Uniform(random, Math.Log(i.IntLow - 0.5), Math.Log(i.IntHigh + 0.5))),
        FloatParameter f => f.FromInternal(Uniform(random, f.InternalLow, f.InternalHigh)),
        _ => throw new ArgumentException($"unsupported parameter type {parameter.GetType().Name}", nameof(parameter)),
    };

    private static double Uniform(System.Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}
