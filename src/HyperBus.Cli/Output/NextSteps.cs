namespace HyperBus.Cli.Output;

/// <summary>After a study: where it was stored and the commands that look at it, ready to copy.</summary>
public static class NextSteps
{
    public static void Write(TextWriter output, string study, string storage)
    {
        // The default store needs no option; any other store is named, so the printed commands work as they are.
        var option = storage == DefaultStorage ? "" : $" --storage {Quote(storage)}";
        // Plain lines, never wrapped at the console's width, so they can be copied as they are.
        output.WriteLine($"stored in {Path.GetFullPath(storage)}; next:");
        output.WriteLine($"  hyperbus status {study}{option}");
        output.WriteLine($"  hyperbus report {study}{option} --out report/");
        output.WriteLine($"  hyperbus export {study} --format csv{option} --out trials.csv");
    }

    private const string DefaultStorage = "hyperbus.db";

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
