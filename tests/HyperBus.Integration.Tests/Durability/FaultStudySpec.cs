namespace HyperBus.Integration.Tests.Durability;

/// <summary>A fault-matrix study: its spec, its size and what its workers are.</summary>
/// <param name="Yaml">The spec file's text.</param>
/// <param name="Trials">Exactly how many trials the study must end with.</param>
/// <param name="Trainer">The trainer kind the workers serve.</param>
/// <param name="Python">Whether the trainer is one of the Python fault trainers (else a C# built-in).</param>
/// <param name="FailsFirstAttempts">Whether every trial's first attempt fails, so a second attempt is expected.</param>
public sealed record FaultStudySpec(string Yaml, int Trials, string Trainer, bool Python, bool FailsFirstAttempts)
{
    private const string DescentSpace = """
        space:
          learningRate: { type: float, low: 0.0000001, high: 0.001, log: true }
          momentum: { type: float, low: 0.5, high: 0.99 }
        """;

    /// <summary>Small studies (12 to 30 trials) so the ten rows fit in CI's budget.</summary>
    public static FaultStudySpec For(FaultStudy kind, string name) => kind switch
    {
        FaultStudy.Noop => new($$"""
            study: {{name}}
            trials: 30
            parallelism: 4
            sampler: { type: random, seed: 1 }
            trainer: noop
            fixed: { seconds: 0.1 }
            space: { x: { type: float, low: 0, high: 1 } }
            """, 30, "noop", Python: false, FailsFirstAttempts: false),
        FaultStudy.Reporting => new($$"""
            study: {{name}}
            direction: minimize
            trials: 20
            parallelism: 4
            sampler: { type: random, seed: 2 }
            trainer: function-descent
            fixed: { function: rosenbrock, dimensions: 2, start: -3, steps: 100 }
            {{DescentSpace}}
            """, 20, "function-descent", Python: false, FailsFirstAttempts: false),
        FaultStudy.Flaky => new($$"""
            study: {{name}}
            trials: 12
            parallelism: 3
            maxAttempts: 2
            sampler: { type: random, seed: 3 }
            trainer: fault-flaky
            space: { x: { type: float, low: 0, high: 1 } }
            """, 12, "fault-flaky", Python: true, FailsFirstAttempts: true),
        FaultStudy.Generations => new($$"""
            study: {{name}}
            direction: minimize
            trials: 30
            parallelism: 5
            sampler: { type: ga, populationSize: 10, crossover: sbx, seed: 7 }
            trainer: function
            fixed: { function: rosenbrock }
            space:
              x0: { type: float, low: -5, high: 10 }
              x1: { type: float, low: -5, high: 10 }
              x2: { type: float, low: -5, high: 10 }
              x3: { type: float, low: -5, high: 10 }
            """, 30, "function", Python: false, FailsFirstAttempts: false),
        // 4 members x 4 generations (budgets 50, 100, 150, 200 steps); from the second generation on the worst member exploits the best.
        FaultStudy.Exploit => new($$"""
            study: {{name}}
            direction: minimize
            metric: value
            trials: 16
            parallelism: 4
            trainer: function-descent
            fidelity: { name: steps, min: 50, max: 200 }
            scheduler: { type: pbt, populationSize: 4, quantileFraction: 0.25, resampleProbability: 0.25, seed: 7 }
            fixed: { function: rosenbrock, dimensions: 2, start: -3 }
            {{DescentSpace}}
            """, 16, "function-descent", Python: false, FailsFirstAttempts: false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no spec for this study kind"),
    };
}
