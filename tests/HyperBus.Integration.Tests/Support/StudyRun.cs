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

    /// <summary>Queues a study with <c>hyperbus submit</c> (no waiting) and returns its id.</summary>
    public static async Task<Guid> SubmitAsync(Uri broker, string spec)
    {
        await using var submit = ChildProcess.Hyperbus("submit", $"submit {spec} --transport rabbitmq --rabbitmq {broker} --json");
        var code = await submit.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"submit exited {code}:\n{submit.Output}");
        var json = submit.Output.Split('\n').Single(l => l.StartsWith('{'));
        return Guid.Parse(JsonDocument.Parse(json).RootElement.GetProperty("studyId").GetString()!);
    }

    public static string WriteSpec(string directory, string name, string yaml)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
