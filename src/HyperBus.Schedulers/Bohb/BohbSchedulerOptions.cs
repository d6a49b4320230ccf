using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Bohb;

/// <summary>Options of <see cref="BohbScheduler"/>; the defaults are those of the BOHB paper and HpBandSter.</summary>
/// <param name="MinResource">The most aggressive Hyperband bracket's first rung.</param>
/// <param name="MaxResource">R: the budget of a trial that is never stopped, or 'auto' as in Hyperband.</param>
/// <param name="ReductionFactor">eta, as in Hyperband.</param>
/// <param name="Seed">Chooses brackets, random configurations and the model's candidates.</param>
/// <param name="RandomFraction">Share of configurations drawn at random even once a model exists (keeps the search global).</param>
/// <param name="BandwidthFactor">Candidates are drawn from the good density with bandwidths this many times wider.</param>
/// <param name="TopNPercent">The best q percent of a budget's observations form the good density.</param>
/// <param name="NumSamples">Candidates drawn per configuration; the one with the largest l(x)/g(x) is chosen.</param>
/// <param name="MinPointsInModel">N_min: observations each density needs; null means dimensions + 1.</param>
/// <param name="MinBandwidth">Floor of every bandwidth, so a collapsed density still explores.</param>
public sealed record BohbSchedulerOptions(
    double MinResource = 1,
    ResourceOption? MaxResource = null,
    int ReductionFactor = 3,
    int Seed = 0,
    double RandomFraction = 1.0 / 3,
    double BandwidthFactor = 3,
    double TopNPercent = 15,
    int NumSamples = 64,
    int? MinPointsInModel = null,
    double MinBandwidth = 1e-3);
