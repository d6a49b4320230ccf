using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Core.Specs.Policies;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Specs;

/// <summary>Turns a spec document (YAML or JSON) into a <see cref="StudySpec"/> or a list of field errors.</summary>
public static class StudySpecParser
{
    public const int MaxTrials = 1_000_000;
    public const int MaxParallelism = 10_000;

    private static readonly string[] Directions = ["minimize", "maximize"];

    /// <summary>Parses spec text; throws <see cref="SpecException"/> listing every problem found.</summary>
    public static StudySpec Parse(string text, SpecCatalogs catalogs, SpecOverrides? overrides = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SpecException([new SpecError("spec", "is empty")]);
        }

        var root = YamlToJson.Convert(text);
        return Parse(root, catalogs, overrides);
    }

    public static StudySpec Parse(JsonElement document, SpecCatalogs catalogs) =>
        Parse(JsonNode.Parse(document.GetRawText()), catalogs);

    public static StudySpec Parse(JsonNode? root, SpecCatalogs catalogs, SpecOverrides? overrides = null)
    {
        if (root is not JsonObject obj)
        {
            throw new SpecException([new SpecError("spec", $"must be a mapping of fields, not {SpecObjectReader.Describe(root)}")]);
        }

        Apply(obj, overrides, catalogs.Schedulers);
        var errors = new List<SpecError>();
        var r = new SpecObjectReader(obj, string.Empty, errors);
        var name = r.String("study", required: true);
        if (name is not null && !IsValidStudyName(name))
        {
            r.Error("study", "must be 1-100 letters, digits, '.', '_' or '-'");
        }

        var direction = r.Enum("direction", Directions) ?? "minimize";
        var directions = ReadDirections(r);
        var metric = ObjectiveNamesSpecReader.Read(r, directions, r.String("metric"));
        var trials = r.Integer("trials", 1, MaxTrials);
        var parallelism = r.Integer("parallelism", 1, MaxParallelism) ?? 1;
        var policy = TrialPolicySpecReader.Read(r);
        var timeout = r.Number("trialTimeoutSeconds", 1, 30 * 24 * 3600) ?? 3600;
        var trainer = r.String("trainer", required: true);
        if (trainer is not null && catalogs.Trainers is { } known && !known.Contains(trainer))
        {
            r.Error("trainer", $"unknown trainer '{trainer}'; known here: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        }

        var fixedValues = ReadFixed(r);
        var fidelity = ReadFidelity(r);
        var artifacts = VerifySpecReader.ReadArtifacts(r, fixedValues);
        var verify = VerifySpecReader.ReadVerify(r, metric, artifacts, fixedValues);
        var space = SpaceSpecReader.Read(r);
        // Several objectives default to NSGA-II, Optuna's default multi-objective sampler; one to auto,
        // which picks gp, tpe, turbo or cmaes from the space and the trials so far.
        var sampler = ReadComponent(r, "sampler", catalogs.Samplers, space, directions is { Count: > 1 } ? "nsga2" : "auto");
        var enqueue = space is null ? [] : EnqueueSpecReader.Read(r, space);
        var scheduler = ReadComponent(r, "scheduler", catalogs.Schedulers, space, "fifo");
        r.RejectUnknown();

        // A trials value that is there but wrong has its own error already.
        if (trials is null && !r.Has("trials") && sampler?.Type != "grid")
        {
            r.Error("trials", "is required (only a grid study may leave it out)");
        }

        SpecException.ThrowIfAny(errors);
        var document = JsonSerializer.SerializeToElement(obj);
        if (document.GetRawText().Length > SpecLimits.MaxDocumentBytes)
        {
            throw new SpecException([new SpecError("spec", $"is {document.GetRawText().Length} characters as JSON once its aliases are expanded; at most {SpecLimits.MaxDocumentBytes} fit in the message that carries a study")]);
        }

        return new StudySpec
        {
            Name = name!,
            Direction = directions?[0] ?? (direction == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize),
            Directions = directions!,
            Enqueue = enqueue,
            Metric = metric,
            Trials = (int)(trials ?? MaxTrials),
            Parallelism = (int)parallelism,
            Policy = policy,
            TrialTimeoutSeconds = timeout,
            Sampler = sampler!,
            Scheduler = scheduler!,
            Trainer = trainer!,
            Fixed = fixedValues,
            Fidelity = fidelity,
            Artifacts = artifacts,
            Verify = verify,
            Space = space!,
            Document = document,
        };
    }

    /// <summary><c>directions: [maximize, minimize]</c>: one per objective; null when absent (then <c>direction</c> holds).</summary>
    private static List<StudyDirection>? ReadDirections(SpecObjectReader r)
    {
        if (!r.Has("directions"))
        {
            r.Raw("directions");
            return null;
        }

        if (r.Has("direction"))
        {
            r.Error("directions", "give either 'direction' or 'directions', not both");
        }

        var list = r.Array("directions");
        if (list is null)
        {
            return null;
        }

        if (list.Count == 0)
        {
            r.Error("directions", "must name at least one direction");
            return null;
        }

        var result = new List<StudyDirection>();
        for (var i = 0; i < list.Count; i++)
        {
            var text = list[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (text is null || !Directions.Contains(text))
            {
                r.Errors.Add(new SpecError($"{r.At("directions")}[{i}]", $"must be one of {string.Join(", ", Directions)}, not {SpecObjectReader.Describe(list[i])}"));
                continue;
            }

            result.Add(text == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize);
        }

        return result.Count == list.Count ? result : null;
    }

    private static bool IsValidStudyName(string name) =>
        name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void Apply(JsonObject obj, SpecOverrides? overrides, IComponentCatalog schedulers)
    {
        if (overrides is null)
        {
            return;
        }

        if (overrides.Trials is { } trials)
        {
            obj["trials"] = trials;
        }

        if (overrides.Parallelism is { } parallelism)
        {
            obj["parallelism"] = parallelism;
        }

        if (overrides.Seed is { } schedulerSeed && obj["sampler"] is null && SchedulerType(obj["scheduler"]) is { } owner && schedulers.BringsOwnSampler(owner))
        {
            // A scheduler that brings its own sampler rejects a spec naming one: the seed is the scheduler's.
            var scheduler = obj["scheduler"] as JsonObject ?? new JsonObject { ["type"] = owner };
            scheduler["seed"] = schedulerSeed;
            obj["scheduler"] = scheduler;
        }
        else if (overrides.Seed is { } seed)
        {
            var sampler = obj["sampler"] switch
            {
                JsonObject o => o,
                JsonValue v when v.TryGetValue<string>(out var type) => new JsonObject { ["type"] = type },
                _ => new JsonObject { ["type"] = obj["directions"] is null ? "auto" : "nsga2" },
            };
            sampler["seed"] = seed;
            obj["sampler"] = sampler;
        }
    }

    private static string? SchedulerType(JsonNode? scheduler) => scheduler switch
    {
        JsonObject o when o["type"] is JsonValue t && t.TryGetValue<string>(out var type) => type,
        JsonValue v when v.TryGetValue<string>(out var type) => type,
        _ => null,
    };

    private static Dictionary<string, JsonElement> ReadFixed(SpecObjectReader r)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var node = r.Child("fixed");
        if (node is null)
        {
            return result;
        }

        foreach (var (key, value) in node.Object)
        {
            node.Raw(key);
            result[key] = JsonSerializer.SerializeToElement(value);
        }

        return result;
    }

    private static FidelitySpec? ReadFidelity(SpecObjectReader r)
    {
        var f = r.Child("fidelity");
        if (f is null)
        {
            return null;
        }

        var name = f.String("name", required: true);
        var min = f.Number("min", double.Epsilon, 1e12, required: true);
        var max = f.Number("max", double.Epsilon, 1e12, required: true);
        f.RejectUnknown();
        if (min is not null && max is not null && min >= max)
        {
            f.Error("min", $"must be < max ({min} >= {max})");
        }

        return name is null || min is null || max is null ? null : new FidelitySpec(name, min.Value, max.Value);
    }

    private static ComponentSpec? ReadComponent(SpecObjectReader r, string key, IComponentCatalog catalog, Space.SearchSpace? space, string fallback)
    {
        var node = r.Raw(key);
        JsonObject options;
        switch (node)
        {
            case null:
                options = new JsonObject { ["type"] = fallback };
                break;
            case JsonValue v when v.TryGetValue<string>(out var shortType):
                options = new JsonObject { ["type"] = shortType };
                break;
            case JsonObject o:
                options = (JsonObject)o.DeepClone();
                break;
            default:
                r.Error(key, $"must be a type name or a mapping with 'type', not {SpecObjectReader.Describe(node)}");
                return null;
        }

        var reader = new SpecObjectReader(options, r.At(key), r.Errors);
        var type = reader.String("type", required: true);
        if (type is null)
        {
            return null;
        }

        if (!catalog.Types.Contains(type))
        {
            reader.Error("type", $"unknown {key} '{type}'; known: {string.Join(", ", catalog.Types.Order(StringComparer.Ordinal))}");
            return null;
        }

        catalog.ValidateOptions(type, reader, space);
        reader.RejectUnknown();
        options.Remove("type");
        return new ComponentSpec(type, options);
    }
}
