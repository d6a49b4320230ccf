namespace HyperBus.Schedulers.Hyperband;

/// <summary>One row of Li et al.'s Hyperband table.</summary>
/// <param name="Id">0 for the most aggressive bracket; it is Optuna's min_early_stopping_rate of the bracket.</param>
/// <param name="S">The paper's s (s_max down to 0).</param>
/// <param name="Trials">n_i = ceil((s_max + 1) / (s + 1) * eta^s): also the bracket's weight when trials are assigned.</param>
/// <param name="Resource">r_i = R * eta^-s: the paper's budget of the bracket's first rung.</param>
/// <param name="FirstRung">min * eta^Id: where pruning in the bracket starts (equals Resource when R / min is a power of eta).</param>
public sealed record HyperbandBracket(int Id, int S, int Trials, double Resource, double FirstRung);
