namespace HyperBus.Core.Trials;

/// <summary>A completed trial as Pareto ranking sees it: its losses (smaller is better) and its total constraint violation.</summary>
public sealed record Candidate(Trial Trial, double[] Losses, double Violation)
{
    /// <summary>The completed trials that have every objective, in trial order.</summary>
    public static List<Candidate> From(IEnumerable<Trial> trials, IReadOnlyList<StudyDirection> directions)
    {
        var result = new List<Candidate>();
        foreach (var t in trials)
        {
            if (ParetoDominance.Losses(t, directions) is { } losses)
            {
                result.Add(new Candidate(t, losses, ParetoDominance.Violation(t)));
            }
        }

        return result;
    }
}
