using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyperBus.Cli.Running.LocalPython;
using Xunit.Abstractions;

namespace HyperBus.Cli.Tests;

/// <summary>The article's scikit-learn studies through <c>hyperbus tune</c> with no broker: real Python workers on a pipe.</summary>
public sealed partial class LocalPythonTuneTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-localpy-");
    private readonly ITestOutputHelper _output;

    public LocalPythonTuneTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private string Storage => Path.Combine(_dir.FullName, "studies.db");

    [Fact]
    public async Task The_grid_example_finds_GridSearchCVs_best_score_exactly()
    {
        var clock = Stopwatch.StartNew();
        var run = await CliProcess.RunAsync($"tune examples/iris-svc-grid.yaml --json --storage \"{Storage}\"", TimeSpan.FromMinutes(5));
        var tuneSeconds = clock.Elapsed.TotalSeconds;

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(144, root.GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.Equal(0, root.GetProperty("trials").GetProperty("failed").GetInt32());

        clock.Restart();
        var sklearn = await Python.RunAsync(GridSearchScript);
        var gridSearchSeconds = clock.Elapsed.TotalSeconds;
        var expected = double.Parse(sklearn.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);

        Assert.Equal(expected, root.GetProperty("bestValue").GetDouble()); // the same folds and estimator: bit for bit
        _output.WriteLine($"hyperbus tune (144 trials, parallelism 4, no broker): {tuneSeconds:0.0} s wall; GridSearchCV(cv=5) in python3: {gridSearchSeconds:0.0} s wall");
    }

    [Theory]
    [InlineData("examples/iris-svc-random.yaml", 20)]
    [InlineData("examples/iris-svc-bayes.yaml", 12)]
    public async Task The_random_and_bayes_examples_run_on_local_python_workers(string spec, int trials)
    {
        var run = await CliProcess.RunAsync($"tune {spec} --trials {trials} --json --storage \"{Storage}\"", TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(trials, json.RootElement.GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("bestValue").GetDouble(), 0.9, 1.0);
        Assert.Empty(LeftoverWorkers());
    }

    [Fact]
    public async Task Without_scikit_learn_it_names_the_missing_module_and_the_install_command()
    {
        // An interpreter that cannot see the system's packages (-S: no site-packages).
        var python = Path.Combine(_dir.FullName, "bare-python3");
        await File.WriteAllTextAsync(python, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var run = await CliProcess.RunAsync($"tune examples/iris-svc-grid.yaml --storage \"{Storage}\"", environment: new Dictionary<string, string> { ["HYPERBUS_PYTHON"] = python });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("trainer 'sklearn-svc' runs in Python", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("No module named 'numpy'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("apt-get install python3-numpy python3-sklearn", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void The_python_kinds_are_exactly_the_ones_the_sdk_registers()
    {
        var examples = Path.Combine(CliProcess.RepoRoot, "plugins/python/hyperbus_trainer/examples");
        var registered = Directory.GetFiles(examples, "*.py")
            .SelectMany(f => TrainerDecorator().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Order(StringComparer.Ordinal);

        Assert.Equal(registered, PythonTrainerKinds.All.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<int> LeftoverWorkers() =>
        Process.GetProcesses().Where(p =>
        {
            try
            {
                return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains("hyperbus_trainer\0--local", StringComparison.Ordinal)
                    && File.ReadAllText($"/proc/{p.Id}/environ").Contains(CliProcess.RepoRoot, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }).Select(p => p.Id);

    private const string GridSearchScript = """
        from sklearn.datasets import load_iris
        from sklearn.model_selection import GridSearchCV
        from sklearn.svm import SVC
        X, y = load_iris(return_X_y=True)
        grid = {"C": [0.001, 0.01, 0.1, 1, 10, 100], "gamma": [0.001, 0.01, 0.1, 1, 10, 100],
                "kernel": ["linear", "rbf", "poly", "sigmoid"]}
        print(repr(GridSearchCV(SVC(), grid, cv=5).fit(X, y).best_score_))
        """;

    [GeneratedRegex("""@trainer\("([^"]+)"\)""")]
    private static partial Regex TrainerDecorator();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
