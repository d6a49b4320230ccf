using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>Finds a Python interpreter that can import what a trainer kind needs.</summary>
public static class PythonInterpreter
{
    private static readonly ConcurrentDictionary<string, string> Found = new(StringComparer.Ordinal);

    /// <summary>The interpreter to run <paramref name="kind"/> with; throws <see cref="PythonUnavailableException"/> naming what is missing.</summary>
    public static string For(PythonTrainerKind kind)
    {
        var key = string.Join(',', kind.RequiredModules);
        if (Found.TryGetValue(key, out var known))
        {
            return known;
        }

        var problems = new List<string>();
        foreach (var candidate in Candidates())
        {
            var missing = MissingModule(candidate, kind.RequiredModules);
            if (missing is null)
            {
                Found[key] = candidate;
                return candidate;
            }

            problems.Add($"{candidate}: {missing}");
        }

        var debian = string.Join(' ', kind.RequiredModules.Select(m => m == "sklearn" ? "python3-sklearn" : $"python3-{m}"));
        var pip = string.Join(' ', kind.RequiredModules.Select(m => m == "sklearn" ? "scikit-learn" : m));
        throw new PythonUnavailableException(
            $"trainer '{kind.Kind}' runs in Python and no interpreter here can import {string.Join(", ", kind.RequiredModules)} " +
            $"({string.Join("; ", problems)}). Install them with `sudo apt-get install {debian}` (Debian, for /usr/bin/python3) " +
            $"or `python3 -m pip install {pip}`, or name an interpreter that has them in HYPERBUS_PYTHON.");
    }

    /// <summary>$HYPERBUS_PYTHON alone when set; else Debian's interpreter first (the first python3 on PATH is often a bare pyenv one), then PATH.</summary>
    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("HYPERBUS_PYTHON") is { Length: > 0 } chosen)
        {
            yield return chosen;
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists("/usr/bin/python3") && seen.Add("/usr/bin/python3"))
        {
            yield return "/usr/bin/python3";
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "python3", "python" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path) && seen.Add(path))
                {
                    yield return path;
                }
            }
        }
    }

    /// <summary>Null when every module is installed, else the line Python itself gives for the first missing one (No module named 'sklearn').</summary>
    /// <remarks>
    /// It looks the modules up without importing them (importing scikit-learn costs about a second); a module
    /// that is installed but broken is reported by the worker that imports it, in the failed trial's error.
    /// </remarks>
    private static string? MissingModule(string python, IReadOnlyList<string> modules)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var names = string.Join(", ", modules.Select(m => $"'{m}'"));
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            "import importlib.util, sys\n" +
            $"missing = [m for m in [{names}] if importlib.util.find_spec(m) is None]\n" +
            "sys.exit(f\"No module named '{missing[0]}'\" if missing else 0)");
        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return "did not answer within 60 s";
            }

            var last = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return process.ExitCode == 0 ? null : last ?? $"exit code {process.ExitCode}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return e.Message;
        }
    }
}
