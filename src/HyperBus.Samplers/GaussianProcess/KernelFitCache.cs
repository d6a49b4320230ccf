using HyperBus.Core.Trials;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>The last kernel fit, keyed by the trials it was fitted on (numbers and values), so a refit is skipped until the schedule asks for one.</summary>
internal sealed class KernelFitCache
{
    private readonly Lock _gate = new();
    private double[] _key = [];
    private KernelParameters? _parameters;

    public KernelParameters GetOrFit(IReadOnlyList<Trial> prefix, Func<KernelParameters> fit)
    {
        var key = new double[prefix.Count * 2];
        for (var i = 0; i < prefix.Count; i++)
        {
            key[2 * i] = prefix[i].Number;
            key[(2 * i) + 1] = prefix[i].Value!.Value;
        }

        lock (_gate)
        {
            if (_parameters is not null && key.AsSpan().SequenceEqual(_key))
            {
                return _parameters;
            }
        }

        var parameters = fit();
        lock (_gate)
        {
            (_key, _parameters) = (key, parameters);
        }

        return parameters;
    }
}
