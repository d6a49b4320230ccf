using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace HyperBus.Cli.Tests;

/// <summary>
/// The README as a test: every ```bash block of README.md and examples/*/README.md runs, top to bottom, in a
/// fresh export of the committed tree, as a newcomer would type it. `dotnet run --project src/HyperBus.Cli --`
/// and `hyperbus` run the built command; `tune` gets a short trial count unless the block names one; a block
/// marked &lt;!-- readme-test: skip (reason) --&gt; is left out, with its reason printed.
/// </summary>
public sealed class ReadmeTests : IDisposable
{
    private const int Trials = 3;
    private readonly DirectoryInfo _clone = Directory.CreateTempSubdirectory("hyperbus-readme-");
    private readonly ITestOutputHelper _output;

    public ReadmeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Every_command_block_of_the_readmes_runs_without_an_error_on_a_fresh_clone()
    {
        await ExportCommittedTreeAsync();
        var readmes = new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(_clone.FullName, "examples"), "README.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(_clone.FullName, f)).Order(StringComparer.Ordinal));
        var blocks = readmes.SelectMany(f => ReadmeBlock.Parse(f, File.ReadAllText(Path.Combine(_clone.FullName, f)))).ToList();
        Assert.NotEmpty(blocks);

        var ran = 0;
        foreach (var block in blocks)
        {
            if (block.Skipped)
            {
                _output.WriteLine($"{block}: {block.Marker}");
                continue;
            }

            var clock = Stopwatch.StartNew();
            var (code, log) = await RunAsync(block);
            _output.WriteLine($"{block}: exit {code} in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(code == 0, $"{block} failed (exit {code}):\n{block.Script}\n--- output\n{log}");
            ran++;
        }

        Assert.True(ran >= 3, $"only {ran} blocks ran");
    }

    private async Task ExportCommittedTreeAsync()
    {
        // git archive: what a fresh clone has, without build output or a developer's local files.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, WorkingDirectory = CliProcess.RepoRoot };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"git archive HEAD | tar -x -C \"{_clone.FullName}\"");
        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);
    }

    private async Task<(int Code, string Log)> RunAsync(ReadmeBlock block)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "hyperbus.dll");
        var script = $$"""
            set -eo pipefail
            hyperbus() {
              local args=() has_trials=0 prev=""
              for a in "$@"; do
                [ "$a" = "--trials" ] && has_trials=1
                # The default dashboard port may be taken on a shared machine: use a free one.
                if [ "$prev" = "--dashboard" ] && [[ "$a" != http* ]]; then args+=("http://127.0.0.1:{{FreePort()}}"); fi
                args+=("$a"); prev="$a"
              done
              if [ "$prev" = "--dashboard" ]; then args+=("http://127.0.0.1:{{FreePort()}}"); fi
              if [ "$1" = tune ] && [ $has_trials = 0 ]; then args+=(--trials {{Trials}}); fi
              dotnet "{{dll}}" "${args[@]}"
            }
            export -f hyperbus

            """ + block.Script.Replace("dotnet run --project src/HyperBus.Cli --", "hyperbus", StringComparison.Ordinal);
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = _clone.FullName };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after 5 minutes\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _clone.Delete(recursive: true);
    }
}
