using System.Security.Cryptography;
using System.Text;

namespace HyperBus.Cli.Running;

/// <summary>
/// The host queue of a <c>tune</c>: named after its store, so a tune never competes with a <c>hyperbus host</c>
/// (queue <c>hyperbus-host</c>) on the same broker, and a tune run again on the same store finds the outcomes
/// its previous run left in the queue.
/// </summary>
public static class TuneQueue
{
    public static string For(string storage)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(storage)));
        return $"hyperbus-tune-{Convert.ToHexStringLower(hash)[..12]}";
    }
}
