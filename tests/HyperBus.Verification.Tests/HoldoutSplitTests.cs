using System.Diagnostics;
using HyperBus.Core.Specs;

namespace HyperBus.Verification.Tests;

/// <summary>The held-out rows: exact in number, fixed by the seed, and the same as the Python SDK picks.</summary>
public sealed class HoldoutSplitTests
{
    [Fact]
    public void SplitMix64_gives_the_reference_values()
    {
        // The first two outputs of Vigna's splitmix64.c from state 0.
        Assert.Equal(0xE220A8397B1DCDAFUL, HoldoutSplit.SplitMix64(0));
        Assert.Equal(0x6E789E6AA1B965F4UL, HoldoutSplit.SplitMix64(0x9E3779B97F4A7C15UL));
    }

    [Theory]
    [InlineData(1797, 0.2, 359)]
    [InlineData(569, 0.25, 142)]
    [InlineData(3, 0.1, 1)]
    public void The_holdout_has_floor_rows_times_fraction_rows_and_at_least_one(int rows, double fraction, int expected)
    {
        Assert.Equal(expected, HoldoutSplit.Rows(rows, fraction, 1).Count(x => x));
    }

    [Fact]
    public void The_seed_fixes_the_rows()
    {
        Assert.Equal(HoldoutSplit.Rows(500, 0.3, 9), HoldoutSplit.Rows(500, 0.3, 9));
        Assert.NotEqual(HoldoutSplit.Rows(500, 0.3, 9), HoldoutSplit.Rows(500, 0.3, 10));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_and_one_is_refused(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutSplit.Rows(10, fraction, 0));
    }

    [Theory]
    [InlineData(1797, 0.2, 0)]
    [InlineData(569, 0.35, 123456)]
    public async Task The_python_sdk_holds_out_the_same_rows(int rows, double fraction, long seed)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"from hyperbus_trainer.holdout import holdout_rows; import numpy; print(' '.join(map(str, numpy.flatnonzero(holdout_rows({rows}, {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {seed})))))");
        info.Environment["PYTHONPATH"] = Path.Combine(PythonModels.RepoRoot, "plugins", "python");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());

        var python = output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var csharp = HoldoutSplit.Rows(rows, fraction, seed).Select((held, i) => (held, i)).Where(x => x.held).Select(x => x.i).ToArray();
        Assert.Equal(csharp, python);
    }
}
