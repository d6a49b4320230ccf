using Microsoft.Extensions.Hosting;

namespace HyperBus.Cli.Running;

/// <summary>
/// A host lifetime that leaves Ctrl-C to the command: <c>tune</c> and <c>submit --wait</c> cancel their study on
/// the first press (<see cref="Interrupts"/>), which needs the bus still running; the default console lifetime
/// would stop the host first.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
