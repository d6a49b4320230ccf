using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Hyperband;

/// <summary>Hyperband's brackets for (min, max, eta), and which bracket a trial belongs to.</summary>
public sealed record HyperbandPlan(IReadOnlyList<HyperbandBracket> Brackets)
{
    public int BracketCount => Brackets.Count;

    /// <summary>Sum of the bracket sizes: the modulus Optuna hashes trials into.</summary>
    public int TotalWeight => Brackets.Sum(b => b.Trials);

    /// <summary>
    /// floor(log_eta(max / min)) + 1 brackets. The logarithm is counted in integers: Optuna's
    /// math.log(max / min, eta) can land just below a whole number (log_3(243) = 4.999...) and lose a bracket.
    /// </summary>
    public static HyperbandPlan For(double minResource, double maxResource, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minResource);
        if (maxResource < minResource)
        {
            return new HyperbandPlan([]);
        }

        var sMax = 0;
        while (minResource * Math.Pow(eta, sMax + 1) <= maxResource * (1 + 1e-9))
        {
            sMax++;
        }

        var brackets = new List<HyperbandBracket>();
        for (var id = 0; id <= sMax; id++)
        {
            var s = sMax - id;
            var trials = (int)Math.Ceiling((sMax + 1) * Math.Pow(eta, s) / (s + 1));
            brackets.Add(new HyperbandBracket(id, s, trials, maxResource / Math.Pow(eta, s), minResource * Math.Pow(eta, id)));
        }

        return new HyperbandPlan(brackets);
    }

    /// <summary>
    /// The bracket of a trial: a stable hash of (seed, number) modulo the total weight, walked through the
    /// bracket sizes, so brackets fill in proportion to n_i as in Optuna (which hashes study name and number).
    /// </summary>
    public int BracketOf(int trialNumber, int seed)
    {
        var n = (long)(StableHash.Of(seed, trialNumber) % (ulong)TotalWeight);
        foreach (var b in Brackets)
        {
            n -= b.Trials;
            if (n < 0)
            {
                return b.Id;
            }
        }

        throw new InvalidOperationException("unreachable: the hash is below the total weight");
    }
}
