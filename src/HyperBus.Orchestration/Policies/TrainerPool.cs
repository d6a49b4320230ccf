using System.Collections.Concurrent;
using HyperBus.Core.Specs.Policies;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// The workers of one trainer kind as the host sees them: a Polly circuit breaker fed with every attempt outcome of the
/// studies that use the kind. While it is open those studies are paused; after the break one probe attempt is let
/// through (Polly's half-open), whose success closes it again.
/// </summary>
public sealed class TrainerPool
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly CircuitBreakerManualControl _control = new();
    private readonly ResiliencePipeline<PoolOutcome> _breaker;
    private readonly TimeProvider _time;
    private (Guid TrialId, int Attempt)? _probe;
    private DateTimeOffset _openedAt;

    public TrainerPool(string kind, CircuitBreakerSpec spec, ResiliencePipelineRegistry<TrialPoolKey> registry, TimeProvider time)
    {
        Kind = kind;
        Spec = spec;
        _time = time;
        _breaker = registry.GetOrAddPipeline<PoolOutcome>(new TrialPoolKey(Guid.Empty, kind), builder =>
        {
            builder.TimeProvider = time;
            if (spec.Enabled)
            {
                builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<PoolOutcome>
                {
                    Name = "trainer-pool-breaker",
                    FailureRatio = spec.FailureRatio,
                    MinimumThroughput = spec.MinimumThroughput,
                    SamplingDuration = TimeSpan.FromSeconds(spec.SamplingSeconds),
                    BreakDuration = TimeSpan.FromSeconds(spec.BreakSeconds),
                    StateProvider = _state,
                    ManualControl = _control,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Failed: true }),
                });
            }
        });
    }

    public string Kind { get; }

    /// <summary>The breaker settings of the first study that used the kind on this host; the pool is shared, so one set holds.</summary>
    public CircuitBreakerSpec Spec { get; }

    /// <summary>The last error that counted against the pool, for the pause reason.</summary>
    public string? LastError { get; private set; }

    /// <summary>Studies this pool paused, to resume when it recovers.</summary>
    public ConcurrentDictionary<Guid, byte> PausedStudies { get; } = new();

    public bool IsBroken => Spec.Enabled && _state.CircuitState is not CircuitState.Closed;

    public TimeSpan BreakDuration => TimeSpan.FromSeconds(Spec.BreakSeconds);

    /// <summary>How every pause reason of a trainer pool starts, so a resume can tell a pool's pause from a person's.</summary>
    public const string PauseReasonPrefix = "paused: trainer ";

    /// <summary>Why its studies are paused, as status, progress displays and StudyProgressed show it.</summary>
    public string PauseReason => $"{PauseReasonPrefix}{Kind} failing: {LastError}";

    /// <summary>Counts an attempt's outcome; returns true when the pool is broken afterwards (the failure is the pool's, not the trial's).</summary>
    public bool Record(Guid trialId, int attempt, PoolOutcome outcome)
    {
        lock (_breaker)
        {
            if (_probe == (trialId, attempt))
            {
                _probe = null;
            }

            if (outcome.Failed)
            {
                LastError = outcome.Error;
            }

            var now = _time.GetUtcNow();
            if (_state.CircuitState == CircuitState.Isolated)
            {
                return RecordRestored(outcome, now);
            }

            // Open past its break, Polly lets this outcome through half-open: a failure opens it again, for a new break.
            var opening = _state.CircuitState != CircuitState.Open || now >= ProbeAt;
            try
            {
                _breaker.Execute(static o => o, outcome);
            }
            catch (BrokenCircuitException)
            {
                // Open (or half-open with its probe out): Polly does not count it, and the pool stays broken.
            }

            // Polly reports the opening on a task of its own (OnOpened); the break is timed here, in step with the outcome.
            if (_state.CircuitState == CircuitState.Open && opening)
            {
                _openedAt = now;
            }

            return IsBroken;
        }
    }

    /// <summary>
    /// Counts the pool as broken again after a host restart, as a study stored as paused by it says (the breaker's state
    /// lived in the old host's memory): held open (Polly's isolated state) from now, for one break, until a probe comes
    /// back. Does nothing when the pool is broken already or has no breaker.
    /// </summary>
    public void Restore(string pauseReason)
    {
        lock (_breaker)
        {
            if (!Spec.Enabled || IsBroken)
            {
                return;
            }

            var failing = $"{PauseReasonPrefix}{Kind} failing: ";
            LastError = pauseReason.StartsWith(failing, StringComparison.Ordinal) ? pauseReason[failing.Length..] : pauseReason;
            _control.IsolateAsync().GetAwaiter().GetResult();
            _openedAt = _time.GetUtcNow();
        }
    }

    /// <summary>
    /// An outcome while restored as broken, judged as Polly judges one while open: ignored during the break; after it
    /// (half-open) a success closes the breaker and a failure starts another break.
    /// </summary>
    private bool RecordRestored(PoolOutcome outcome, DateTimeOffset now)
    {
        if (now < ProbeAt)
        {
            return true;
        }

        if (!outcome.Failed)
        {
            _control.CloseAsync().GetAwaiter().GetResult();
            return false;
        }

        _openedAt = now;
        return true;
    }

    /// <summary>When the break ends and a probe may go (Polly lets the next outcome through half-open then).</summary>
    public DateTimeOffset ProbeAt => _openedAt + BreakDuration;

    /// <summary>Lets one attempt through as the probe once the break is over; false before that or while another probe is out.</summary>
    public bool TryTakeProbe(Guid trialId, int attempt, DateTimeOffset now)
    {
        lock (_breaker)
        {
            if (now < ProbeAt || (_probe is not null && _probe != (trialId, attempt)))
            {
                return false;
            }

            _probe = (trialId, attempt);
            return true;
        }
    }
}
