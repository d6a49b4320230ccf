namespace HyperBus.Tests.Shared;

/// <summary>
/// Bad study specs and the error each must give (field path and problem). The parser's tests check the
/// messages; the CLI's tests check that each one exits with code 2 and stores nothing.
/// </summary>
public static class BadSpecCases
{
    private const string Head = "study: s\ntrials: 5\ntrainer: function\n";

    public static TheoryData<string, string, string> All() => new()
    {
        { "empty file", "", "spec: is empty" },
        { "not a mapping", "- a\n- b", "spec: must be a mapping" },
        { "malformed yaml", "study: [unclosed", "malformed YAML" },
        { "unknown top-level key", Head + "trails: 3\nspace: { x: { type: float, low: 0, high: 1 } }", "trails: is not a known field" },
        { "missing study name", "trials: 5\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "study: is required" },
        { "bad study name", "study: 'a b/c'\ntrials: 5\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "study: must be 1-100" },
        { "trials below 1", "study: s\ntrials: 0\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "trials: must be between 1 and" },
        { "trials not an integer", "study: s\ntrials: many\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "trials: must be an integer" },
        { "huge trials", "study: s\ntrials: 1e300\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "trials: must be between 1 and" },
        { "trials missing", "study: s\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "trials: is required" },
        { "parallelism zero", Head + "parallelism: 0\nspace: { x: { type: float, low: 0, high: 1 } }", "parallelism: must be between 1" },
        { "bad direction", Head + "direction: up\nspace: { x: { type: float, low: 0, high: 1 } }", "direction: must be one of minimize, maximize" },
        { "unknown trainer", "study: s\ntrials: 5\ntrainer: xgboost\nspace: { x: { type: float, low: 0, high: 1 } }", "trainer: unknown trainer 'xgboost'" },
        { "unknown sampler", Head + "sampler: { type: magic }\nspace: { x: { type: float, low: 0, high: 1 } }", "sampler.type: unknown sampler 'magic'" },
        { "unknown scheduler", Head + "scheduler: { type: magic }\nspace: { x: { type: float, low: 0, high: 1 } }", "scheduler.type: unknown scheduler 'magic'" },
        { "unknown sampler option", Head + "sampler: { type: random, sede: 1 }\nspace: { x: { type: float, low: 0, high: 1 } }", "sampler.sede: is not a known field" },
        { "seed not an integer", Head + "sampler: { type: random, seed: 1.5 }\nspace: { x: { type: float, low: 0, high: 1 } }", "sampler.seed: must be an integer" },
        { "no space", Head, "space: is required" },
        { "empty space", Head + "space: {}", "space: must declare at least one parameter" },
        { "low >= high", Head + "space: { x: { type: float, low: 2, high: 1 } }", "space.x.low: must be < high" },
        { "log with low <= 0", Head + "space: { C: { type: float, low: 0, high: 10, log: true } }", "space.C.low: must be > 0 for a log scale" },
        { "missing high", Head + "space: { x: { type: float, low: 0 } }", "space.x.high: is required" },
        { "unknown parameter type", Head + "space: { x: { type: complex, low: 0, high: 1 } }", "space.x.type: must be one of float, int, categorical" },
        { "unknown parameter key", Head + "space: { x: { type: float, low: 0, high: 1, lgo: true } }", "space.x.lgo: is not a known field" },
        { "int with fractional bound", Head + "space: { n: { type: int, low: 1.5, high: 4 } }", "space.n.low: must be an integer" },
        { "negative step", Head + "space: { x: { type: float, low: 0, high: 1, step: -0.1 } }", "space.x.step: must be > 0" },
        { "step with log", Head + "space: { x: { type: float, low: 1, high: 10, step: 1, log: true } }", "space.x.step: cannot be combined with log" },
        { "empty choices", Head + "space: { k: { type: categorical, choices: [] } }", "space.k.choices: must not be empty" },
        { "duplicate choice", Head + "space: { k: { choices: [a, a] } }", "space.k.choices[1]: 'a' is listed twice" },
        { "choices missing", Head + "space: { k: { type: categorical } }", "space.k.choices: is required" },
        { "when names unknown parameter", Head + "space: { g: { type: float, low: 0.1, high: 1, when: { kernal: rbf } } }", "space.g.when.kernal: names unknown parameter 'kernal'" },
        { "when value outside parent", Head + "space: { k: { choices: [rbf] }, g: { type: float, low: 0.1, high: 1, when: { k: poly } } }", "space.g.when.k: value 'poly' is not in the domain of 'k'" },
        { "conditional cycle", Head + "space: { a: { choices: [x], when: { b: y } }, b: { choices: [y], when: { a: x } } }", "conditions form a cycle" },
        { "grid over a continuous float", "study: s\ntrainer: function\nsampler: grid\nspace: { x: { type: float, low: 0, high: 1 } }", "space.x: needs values: or step: to be on a grid" },
        { "values outside bounds", Head + "space: { x: { type: float, low: 0, high: 1, values: [0.5, 2] } }", "space.x.values: must lie within" },
        { "duplicate key", "study: s\nstudy: t\ntrials: 1\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }", "Duplicate key" },
        { "bad parameter name", Head + "space: { '1x': { type: float, low: 0, high: 1 } }", "space.1x: a parameter name must start with a letter" },
        { "huge bound", Head + "space: { x: { type: float, low: 0, high: 1e300 } }", "space.x.high: must be between" },
        { "fixed not a mapping", Head + "fixed: [1, 2]\nspace: { x: { type: float, low: 0, high: 1 } }", "fixed: must be a mapping" },
        { "bad fidelity", Head + "fidelity: { name: epochs, min: 10, max: 5 }\nspace: { x: { type: float, low: 0, high: 1 } }", "fidelity.min: must be < max" },

        // The trial policy (issue 15): every field with its path and the range Polly accepts.
        { "maxAttempts twice", Head + X + "maxAttempts: 3\nretry: { maxAttempts: 4 }\n", "retry.maxAttempts: give either maxAttempts or retry.maxAttempts, not both" },
        { "retry maxAttempts zero", Head + X + "retry: { maxAttempts: 0 }\n", "retry.maxAttempts: must be between 1 and 100" },
        { "unknown backoff", Head + X + "retry: { backoff: fibonacci }\n", "retry.backoff: must be one of constant, linear, exponential, not 'fibonacci'" },
        { "negative retry delay", Head + X + "retry: { delaySeconds: -1 }\n", "retry.delaySeconds: must be in [0, 86400], not -1" },
        { "retry delay over a day", Head + X + "retry: { delaySeconds: 90000 }\n", "retry.delaySeconds: must be in [0, 86400]" },
        { "max delay below delay", Head + X + "retry: { delaySeconds: 10, maxDelaySeconds: 5 }\n", "retry.maxDelaySeconds: must be >= delaySeconds" },
        { "jitter not a boolean", Head + X + "retry: { jitter: sometimes }\n", "retry.jitter: must be true or false" },
        { "unknown retry field", Head + X + "retry: { delay: 1 }\n", "retry.delay: is not a known field" },
        { "failure ratio zero", Head + X + "circuitBreaker: { failureRatio: 0 }\n", "circuitBreaker.failureRatio: must be in (0, 1], not 0" },
        { "failure ratio above one", Head + X + "circuitBreaker: { failureRatio: 1.5 }\n", "circuitBreaker.failureRatio: must be in (0, 1], not 1.5" },
        { "minimum throughput one", Head + X + "circuitBreaker: { minimumThroughput: 1 }\n", "circuitBreaker.minimumThroughput: must be between 2 and" },
        { "sampling too short", Head + X + "circuitBreaker: { samplingSeconds: 0.1 }\n", "circuitBreaker.samplingSeconds: must be in [0.5, 86400], not 0.1" },
        { "break not a number", Head + X + "circuitBreaker: { breakSeconds: long }\n", "circuitBreaker.breakSeconds: must be a finite number" },
        { "circuit breaker a list", Head + X + "circuitBreaker: [1]\n", "circuitBreaker: must be a mapping" },
        { "hedge with neither trigger", Head + X + "hedge: { maxHedged: 2 }\n", "hedge: give either afterQuantile (with minCompleted) or afterSeconds" },
        { "hedge with both triggers", Head + X + "hedge: { afterQuantile: 0.9, afterSeconds: 30 }\n", "hedge: give either afterQuantile" },
        { "hedge quantile one", Head + X + "hedge: { afterQuantile: 1 }\n", "hedge.afterQuantile: must be in (0, 1), not 1" },
        { "hedge after zero seconds", Head + X + "hedge: { afterSeconds: 0 }\n", "hedge.afterSeconds: must be in (0, 2592000], not 0" },
        { "hedge minCompleted without quantile", Head + X + "hedge: { afterSeconds: 5, minCompleted: 3 }\n", "hedge.minCompleted: only applies with afterQuantile" },
        { "hedge maxHedged zero", Head + X + "hedge: { afterQuantile: 0.9, maxHedged: 0 }\n", "hedge.maxHedged: must be between 1 and 1000" },
        { "rate limit without rate", Head + X + "rateLimit: {}\n", "rateLimit.trialsPerSecond: is required" },
        { "rate limit zero", Head + X + "rateLimit: { trialsPerSecond: 0 }\n", "rateLimit.trialsPerSecond: must be in (0, 10000], not 0" },

        // Each case below hung, crashed or was accepted before the parser had bounds (issue 18).
        { "alias bomb in an unknown field", Head + X + AliasBomb("lols"), Bomb },
        { "alias bomb in fixed", Head + X + AliasBomb("fixed"), Bomb },
        { "alias bomb in a parameter", Head + "space:\n  x: { type: float, low: 0, high: 1 }\n" + AliasBomb("  y", indent: "    "), Bomb },
        { "alias bomb in sampler options", Head + X + AliasBomb("sampler"), Bomb },
        { "alias bomb in scheduler options", Head + X + AliasBomb("scheduler"), Bomb },
        { "alias bomb in fidelity", Head + X + AliasBomb("fidelity"), Bomb },
        { "alias bomb in enqueue", Head + X + AliasBomb("enqueue"), Bomb },
        { "alias bomb in verify", Head + X + AliasBomb("verify"), Bomb },
        { "alias bomb before the study name", AliasBomb("a") + Head + X, Bomb },
        { "one long string aliased many times in fixed", Head + X + "fixed:\n  s: &s '" + new string('x', 100_000) + "'\n  copies: [" + string.Join(", ", Enumerable.Repeat("*s", 50)) + "]\n", "characters of text once its aliases are resolved" },
        { "spec too large for its message", Head + X + "fixed: { blob: '" + new string('x', 600_000) + "' }\n", "fit in the message that carries a study" },
        { "64 levels of mappings in fixed", Head + X + "fixed: { deep: " + string.Concat(Enumerable.Repeat("{ a: ", 64)) + "1" + new string('}', 64) + " }\n", Deep },
        { "100 levels of lists in fixed", Head + X + "fixed: { deep: " + new string('[', 100) + "1" + new string(']', 100) + " }\n", Deep },
        { "deep block mappings in fixed", Head + X + "fixed:\n" + string.Concat(Enumerable.Range(1, 70).Select(i => new string(' ', i * 2) + "a:\n")) + new string(' ', 142) + "b: 1\n", Deep },
        { "a thousand and one parameters", Head + "space:\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"  p{i}: {{ type: float, low: 0, high: 1 }}\n")), "space: declares 1001 parameters; at most 1000" },
        { "grid of 10^12 points", Grid + string.Concat(Enumerable.Range(0, 4).Select(i => $"  n{i}: {{ type: int, low: 0, high: 999 }}\n")), TooManyPoints },
        { "grid of two wide ints", Grid + "  a: { type: int, low: 0, high: 9999 }\n  b: { type: int, low: 0, high: 9999 }\n", TooManyPoints },
        { "grid of seven ten-way categoricals", Grid + string.Concat(Enumerable.Range(0, 7).Select(i => $"  c{i}: {{ choices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }}\n")), TooManyPoints },
        { "grid of fine float steps", Grid + string.Concat(Enumerable.Range(0, 3).Select(i => $"  f{i}: {{ type: float, low: 0, high: 1, step: 0.001 }}\n")), TooManyPoints },
        { "conditional grid too large on one branch", Grid + "  k: { choices: [a, b] }\n" + string.Concat(Enumerable.Range(0, 3).Select(i => $"  n{i}: {{ type: int, low: 0, high: 999, when: {{ k: a }} }}\n")), TooManyPoints },
        { "shuffled grid too large", "study: s\ntrainer: function\nsampler: { type: grid, shuffle: true, seed: 1 }\nspace:\n  a: { type: int, low: 0, high: 9999 }\n  b: { type: int, low: 0, high: 999 }\n", TooManyPoints },
        { "empty key", Head + X + "fixed: { '': 1 }\n", "fixed: has an empty key" },
        { "empty top-level key", Head + X + "'': 1\n", "spec: has an empty key" },
        { "next-line character starting a flow value", Head + X + "fixed: { dataset: \u0085iris }\n", "malformed YAML" },
        { "carriage return inside a flow key", Head + X + "scheduler: { type: median, nStartup\rTrials: 5 }\n", "malformed YAML" },
    };

    private const string X = "space: { x: { type: float, low: 0, high: 1 } }\n";
    private const string Grid = "study: s\ntrainer: function\nsampler: grid\nspace:\n";
    private const string Bomb = "expands to more than 100000 values once its aliases are resolved";
    private const string Deep = "nests mappings and lists more than 32 levels deep";
    private const string TooManyPoints = "space: the grid has more than 1000000 configurations";

    /// <summary>"Billion laughs": nine levels, each a list of nine aliases of the level below (9^9 strings expanded).</summary>
    private static string AliasBomb(string key, string indent = "  ")
    {
        var text = new System.Text.StringBuilder($"{key}:\n{indent}l0: &l0 lol\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"{indent}l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        return text.ToString();
    }
}
