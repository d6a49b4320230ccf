using System.Text.Json;

namespace HyperBus.Integration.Tests.Support;

/// <summary>Submits a study with <c>hyperbus submit --wait --json</c> and returns its summary.</summary>
public static class StudyRun
{
    public static async Task<JsonElement> SubmitAndWaitAsync(Uri broker, string spec, string extraArguments = "", TimeSpan? timeout = null)
    {
        await using var submit = ChildProcess.Hyperbus("submit", $"submit {spec} --transport rabbitmq --rabbitmq {broker} --wait --json {extraArguments}");
        var code = await submit.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(5));
        var output = submit.Output;
        Assert.True(code == 0, $"submit exited {code}:\n{output}");
        var json = output.Split('\n').Single(l => l.StartsWith('{'));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static string WriteSpec(string directory, string name, string yaml)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
