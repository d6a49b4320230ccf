using System.Text.Json;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>
/// <c>hyperbus submit --wait --json</c> kept running across host kills: it returns only once the host
/// relays StudyCompleted, so it witnesses that the end of the study was sent, not only stored.
/// </summary>
public sealed class FollowedSubmit : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private FollowedSubmit(ChildProcess process)
    {
        _process = process;
    }

    public static FollowedSubmit Start(Uri broker, string spec) =>
        new(ChildProcess.Hyperbus("submit", $"submit \"{spec}\" --transport rabbitmq --rabbitmq {broker} --wait --json"));

    public string Output => _process.Output;

    /// <summary>The study's summary (the one JSON line), once StudyCompleted reached the submitter.</summary>
    public async Task<JsonElement> SummaryAsync(TimeSpan timeout)
    {
        int code;
        try
        {
            code = await _process.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"submit --wait got no StudyCompleted within {timeout}:\n{_process.Output}");
        }

        Assert.True(code == 0, $"submit --wait exited {code}:\n{_process.Output}");
        var json = _process.Output.Split('\n').Single(l => l.StartsWith('{'));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
