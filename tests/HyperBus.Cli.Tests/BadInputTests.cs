using HyperBus.Tests.Shared;

namespace HyperBus.Cli.Tests;

/// <summary>Bad input exits with code 2 and a message naming the field; never a stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-cli-bad-");

    public static TheoryData<string, string, string> Specs() => BadSpecCases.All();

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task A_bad_spec_exits_with_code_2_and_names_the_field(string because, string spec, string expected)
    {
        var file = Path.Combine(_dir.FullName, "spec.yaml");
        await File.WriteAllTextAsync(file, spec);

        var run = await CliProcess.RunAsync($"tune \"{file}\" --storage \"{Path.Combine(_dir.FullName, "s.db")}\"");

        Assert.True(run.ExitCode == 2, $"{because}: exit code {run.ExitCode}\n{run.Stderr}");
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "s.db")), "nothing is stored for a rejected spec");
    }

    [Theory]
    [InlineData("tune examples/wine-lightgbm.yaml --trials many", "--trials")]
    [InlineData("tune examples/no-such-file.yaml", "does not exist")]
    [InlineData("tune examples/wine-lightgbm.yaml --trials 0", "trials: must be between 1")]
    [InlineData("tune examples/wine-lightgbm.yaml --transport carrier-pigeon", "--transport: must be inmemory or rabbitmq")]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("tune examples/wine-lightgbm.yaml --storage /etc/passwd/studies.db", "--storage: cannot use '/etc/passwd/studies.db' as the study store")]
    [InlineData("tune examples/wine-lightgbm.yaml --parallelism 0", "parallelism: must be between 1")]
    [InlineData("tune examples/wine-lightgbm.yaml --seed x", "--seed")]
    [InlineData("worker --transport rabbitmq --rabbitmq amqp://localhost/ --trainer teleport", "--trainer: unknown trainer 'teleport'")]
    [InlineData("submit examples/wine-lightgbm.yaml", "--transport")]
    [InlineData("tune examples/wine-lightgbm.yaml --parallelism abc", "--parallelism: must be an integer, not 'abc'")]
    [InlineData("tune examples/wine-lightgbm.yaml --trials 1e3", "--trials: must be an integer, not '1e3'")]
    [InlineData("worker --transport rabbitmq --rabbitmq amqp://localhost/ --concurrency many", "--concurrency: must be an integer, not 'many'")]
    public async Task Bad_options_exit_with_code_2(string arguments, string expected)
    {
        var run = await CliProcess.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--parallelism abc")]
    [InlineData("--trials 0")]
    [InlineData("--seed 99999999999")]
    public async Task A_bad_option_is_one_plain_error_line(string option)
    {
        var run = await CliProcess.RunAsync($"tune examples/wine-lightgbm.yaml {option}");

        Assert.Equal(2, run.ExitCode);
        // One line that names the problem, no .NET type names, and no second, wrong complaint.
        var problems = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("Run 'hyperbus --help'", StringComparison.Ordinal) && l != "error: invalid input").ToList();
        Assert.Single(problems);
        Assert.DoesNotContain("System.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("is required", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
