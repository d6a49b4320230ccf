namespace HyperBus.Cli.Running;

/// <summary>
/// Ctrl-C while a study runs: the first press cancels the study cleanly (<see cref="First"/> fires), a second one
/// exits at once with 130, as a shell expects of an interrupted command.
/// </summary>
public sealed class Interrupts : IDisposable
{
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _first = new();
    private readonly bool _quiet;
    private int _presses;

    /// <param name="quiet">Say nothing on the first press (nothing is cancelled then, the command just ends).</param>
    public Interrupts(bool quiet = false)
    {
        _quiet = quiet;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken First => _first.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _first.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) > 1)
        {
            Console.Error.WriteLine("interrupted again: exiting now");
            Environment.Exit(ExitCode);
        }

        e.Cancel = true;
        if (!_quiet)
        {
            Console.Error.WriteLine("interrupted: cancelling the study (press Ctrl-C again to exit at once)");
        }

        _first.Cancel();
    }
}
