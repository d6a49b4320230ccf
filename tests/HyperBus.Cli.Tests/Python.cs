using System.Diagnostics;

namespace HyperBus.Cli.Tests;

/// <summary>Runs a script in Debian's Python (the one with scikit-learn) and returns its stdout.</summary>
public static class Python
{
    public static async Task<string> RunAsync(string script)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("-");
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }
}
