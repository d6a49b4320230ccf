using HyperBus.Core.Trials;
namespace HyperBus.Samplers.Nsga2;

/// <summary>A member of an NSGA-II population with its front (0 is best) and crowding distance.</summary>
public sealed record RankedCandidate(Candidate Candidate, int Rank, double Crowding)
{
    /// <summary>The crowded-comparison order: the lower front wins, then the less crowded member.</summary>
    public bool Beats(RankedCandidate other) =>
        Rank < other.Rank || (Rank == other.Rank && Crowding > other.Crowding);
}
