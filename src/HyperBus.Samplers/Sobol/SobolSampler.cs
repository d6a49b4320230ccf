using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Sobol;

/// <summary>Quasi-random search: trial n gets point n of a scrambled Sobol' sequence, one dimension per parameter.</summary>
/// <remarks>
/// Low-discrepancy points cover the space more evenly than random ones for the same budget. Each
/// parameter owns a fixed dimension (its position in the space), so conditional parameters keep theirs
/// whether or not they are active. Parameters beyond the table's dimensions are drawn at random.
/// </remarks>
public sealed class SobolSampler : ISampler
{
    private readonly SobolSamplerOptions _options;
    private SobolSequence? _sequence;

    public SobolSampler(SobolSamplerOptions options)
    {
        _options = options;
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var parameters = study.Space.Parameters;
        var dims = Math.Min(parameters.Count, SobolSequence.MaxDimensions);
        _sequence ??= new SobolSequence(dims, _options.Scramble ? TrialRandom.For(_options.Seed, int.MaxValue, 1) : null);
        var index = parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var result = new List<ParameterSet>(count);
        for (var n = study.NextTrialNumber; n < study.NextTrialNumber + count; n++)
        {
            var point = _sequence.Point(n);
            var random = TrialRandom.For(_options.Seed, n);
            result.Add(study.Space.Build((p, _) =>
            {
                var j = index[p.Name];
                return j < dims ? FromUnit(p, point[j]) : RandomSampler.SampleParameter(p, random);
            }));
        }

        return result;
    }

    /// <summary>The value of <paramref name="parameter"/> at coordinate <paramref name="u"/> of the unit interval.</summary>
    public static object FromUnit(Parameter parameter, double u) => parameter switch
    {
        CategoricalParameter c => c.Choices[Math.Min((int)(u * c.Choices.Count), c.Choices.Count - 1)],
        NumericParameter { Values: { } values } n => n.Normalize(values[Math.Min((int)(u * values.Count), values.Count - 1)]),
        NumericParameter n => UnitInterval.FromUnit(n, u),
        _ => throw new ArgumentException($"unsupported parameter type {parameter.GetType().Name}", nameof(parameter)),
    };
}
