using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Tests;

public sealed class StudySpecParserTests
{
    [Fact]
    public void The_readme_spec_parses_into_its_parts()
    {
        var spec = SpecParsing.Parse(SpecParsing.Valid);

        Assert.Equal("wine-lightgbm", spec.Name);
        Assert.Equal(StudyDirection.Maximize, spec.Direction);
        Assert.Equal(30, spec.Trials);
        Assert.Equal(2, spec.Parallelism);
        Assert.Equal(2, spec.MaxAttempts);
        Assert.Equal("random", spec.Sampler.Type);
        Assert.Equal(42, spec.Sampler.Seed);
        Assert.Equal("fifo", spec.Scheduler.Type);
        Assert.Equal("wine", spec.Fixed["dataset"].GetString());
        var lr = Assert.IsType<FloatParameter>(spec.Space.Find("learningRate"));
        Assert.True(lr.Log);
        var iterations = Assert.IsType<IntParameter>(spec.Space.Find("numberOfIterations"));
        Assert.Equal(10, iterations.Step);
    }

    [Fact]
    public void Json_specs_are_read_like_yaml()
    {
        const string json = """
            {"study": "j", "trials": 3, "trainer": "function",
             "space": {"x0": {"type": "float", "low": -1, "high": 1}, "k": {"choices": ["a", "b"]}}}
            """;
        var spec = SpecParsing.Parse(json);
        Assert.Equal(3, spec.Trials);
        Assert.IsType<CategoricalParameter>(spec.Space.Find("k"));
        Assert.Equal(StudyDirection.Minimize, spec.Direction);
    }

    [Fact]
    public void Command_line_overrides_replace_trials_parallelism_and_seed()
    {
        var spec = SpecParsing.Parse(SpecParsing.Valid, new SpecOverrides(Trials: 5, Parallelism: 1, Seed: 7));
        Assert.Equal(5, spec.Trials);
        Assert.Equal(1, spec.Parallelism);
        Assert.Equal(7, spec.Sampler.Seed);
        Assert.Equal(5, spec.Document.GetProperty("trials").GetInt32());
    }

    [Fact]
    public void The_normalised_document_parses_again_to_the_same_spec()
    {
        var spec = SpecParsing.Parse(SpecParsing.Valid);
        var again = StudySpecParser.Parse(spec.Document, SpecParsing.Catalogs);
        Assert.Equal(spec.Name, again.Name);
        Assert.Equal(spec.Space.Parameters.Select(p => p.Name), again.Space.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void A_grid_study_may_leave_out_trials()
    {
        var spec = SpecParsing.Parse("""
            study: g
            trainer: function
            sampler: grid
            space: { k: { choices: [a, b] } }
            """);
        Assert.Equal("grid", spec.Sampler.Type);
    }

    [Fact]
    public void Conditional_parameters_come_after_their_parents()
    {
        var spec = SpecParsing.Parse("""
            study: c
            trials: 1
            trainer: function
            space:
              degree: { type: int, low: 2, high: 5, when: { kernel: poly } }
              gamma: { type: float, low: 0.001, high: 1, log: true, when: { kernel: [rbf, poly] } }
              kernel: { choices: [linear, rbf, poly] }
            """);
        Assert.Equal("kernel", spec.Space.Parameters[0].Name);
        Assert.True(spec.Space.IsConditional);
    }
}
