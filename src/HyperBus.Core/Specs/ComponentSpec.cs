using System.Text.Json.Nodes;

namespace HyperBus.Core.Specs;

/// <summary>A sampler or scheduler as named in the spec: its type and its options (already validated).</summary>
public sealed record ComponentSpec(string Type, JsonObject Options)
{
    public int? Seed => SpecObjectReader.TryNumber(Options["seed"], out var s) ? (int)s : null;
}
