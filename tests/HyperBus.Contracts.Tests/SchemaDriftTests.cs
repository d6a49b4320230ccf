namespace HyperBus.Contracts.Tests;

/// <summary>
/// The checked-in schemas in contracts/schema are what non-.NET trainers are written from: a record
/// that changes without its schema must fail the build. Regenerate with HYPERBUS_UPDATE_SCHEMAS=1.
/// </summary>
public sealed class SchemaDriftTests
{
    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var type in WireFormat.MessageTypes)
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Checked_in_schema_matches_the_record(string message)
    {
        var type = WireFormat.MessageTypes.Single(t => t.Name == message);
        var path = Path.Combine(SchemaGenerator.SchemaDirectory(), $"{message}.schema.json");
        var generated = SchemaGenerator.Generate(type);
        if (Environment.GetEnvironmentVariable("HYPERBUS_UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with HYPERBUS_UPDATE_SCHEMAS=1 to generate it");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Every_schema_file_belongs_to_a_message()
    {
        var names = WireFormat.MessageTypes.Select(t => $"{t.Name}.schema.json").ToHashSet();
        var files = Directory.GetFiles(SchemaGenerator.SchemaDirectory(), "*.schema.json").Select(f => Path.GetFileName(f));
        Assert.All(files, f => Assert.Contains(f, names));
    }

    [Fact]
    public void Every_message_is_covered()
    {
        // DESIGN.md's message list; a message dropped from the contracts must be dropped here on purpose.
        string[] expected = ["SubmitStudy", "StudySubmitted", "CancelStudy", "StudyCompleted", "TrialRequested", "TrialStarted", "TrialReported", "TrialDecision", "TrialCompleted", "TrialFailed"];
        Assert.All(expected, name => Assert.Contains(WireFormat.MessageTypes, t => t.Name == name));
    }
}
