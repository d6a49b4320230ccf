using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Common;

/// <summary>A finished trial with the loss a minimising sampler ranks it by.</summary>
/// <param name="Tier">0 for completed; for pruned, minus the last step (deeper is better); 1 for pruned without reports; 2 for infeasible, whose Loss is then the total constraint violation.</param>
/// <param name="Loss">The objective turned so smaller is better; +inf when not a number.</param>
public sealed record ScoredTrial(Trial Trial, double Tier, double Loss);
