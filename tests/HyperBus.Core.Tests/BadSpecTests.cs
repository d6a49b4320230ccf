using HyperBus.Tests.Shared;

namespace HyperBus.Core.Tests;

/// <summary>Each bad input gives an error naming the field path and the problem, never a crash.</summary>
public sealed class BadSpecTests
{
    public static TheoryData<string, string, string> Cases() => BadSpecCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_reported_with_its_field(string because, string yaml, string expected)
    {
        var errors = SpecParsing.Errors(yaml);
        Assert.True(errors.Any(e => e.ToString().Contains(expected, StringComparison.Ordinal)),
            $"{because}: expected an error containing \"{expected}\" but got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_not_only_the_first()
    {
        var errors = SpecParsing.Errors("study: s\ntrials: 0\ntrainer: nope\nspace: { x: { type: float, low: 3, high: 1 } }");
        Assert.Contains(errors, e => e.Path == "trials");
        Assert.Contains(errors, e => e.Path == "trainer");
        Assert.Contains(errors, e => e.Path == "space.x.low");
    }
}
