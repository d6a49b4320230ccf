using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Reporting;

/// <summary>
/// The space of a define-by-run study (the library's <c>trial.SuggestFloat(..., log: true)</c>), rebuilt from
/// the distributions each trial recorded in its <c>client.distributions</c> attribute (spec form), so the report
/// draws a log-scale parameter on a log axis as it does for a spec file's.
/// </summary>
public static class DefineByRunSpace
{
    /// <summary>The trial attribute the library writes (HyperBus.Client's ParameterDistribution).</summary>
    public const string AttributeKey = "client.distributions";

    /// <summary>The union of the trials' distributions (a name keeps its first one), or null when no trial recorded any.</summary>
    public static SearchSpace? From(IEnumerable<Trial> trials)
    {
        var merged = new JsonObject();
        foreach (var trial in trials)
        {
            if (!trial.Attributes.TryGetValue(AttributeKey, out var text))
            {
                continue;
            }

            try
            {
                if (JsonNode.Parse(text) is not JsonObject distributions)
                {
                    continue;
                }

                foreach (var (name, distribution) in distributions)
                {
                    if (!merged.ContainsKey(name) && distribution is not null)
                    {
                        merged[name] = distribution.DeepClone();
                    }
                }
            }
            catch (JsonException)
            {
                // A hand-edited attribute: the report falls back to what the values themselves show.
            }
        }

        if (merged.Count == 0)
        {
            return null;
        }

        var errors = new List<SpecError>();
        var space = SpaceSpecReader.Read(new SpecObjectReader(new JsonObject { ["space"] = merged }, string.Empty, errors));
        return errors.Count == 0 ? space : null;
    }
}
