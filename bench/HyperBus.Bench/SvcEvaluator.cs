using System.Diagnostics;
using System.Globalization;
using HyperBus.Core.Space;

namespace HyperBus.Bench;

/// <summary>Scores SVC configurations on sklearn's digits (or iris) through a long-lived Python process (bench/svc_eval.py), the same code Optuna's side uses.</summary>
public sealed class SvcEvaluator : IDisposable
{
    private readonly Process _process;

    public SvcEvaluator(string python, string script, bool iris = false)
    {
        var info = new ProcessStartInfo(python, script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (iris)
        {
            info.Environment["SVC_DATASET"] = "iris";
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the SVC evaluator");
    }

    /// <summary>1 - mean cross-validated accuracy (what both sides minimise).</summary>
    public double Evaluate(ParameterSet p)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{p.GetDouble("C"):R} {p.GetDouble("gamma"):R} {p["kernel"]}");
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        var answer = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the SVC evaluator exited");
        return double.Parse(answer, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
