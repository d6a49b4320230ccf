using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;

namespace HyperBus.Orchestration.Submission;

/// <summary>
/// Refuses a study whose SubmitStudy message would be over the bus's message limit before it is sent: the host
/// would park it, and a submitter waiting for the study would wait for ever.
/// </summary>
public static class SubmissionSize
{
    public static void EnsureFits(SubmitStudy message, HyperBusOptions? options)
    {
        var limit = options?.MaxMessageBytes ?? new HyperBusOptions().MaxMessageBytes;
        // MassTransit's raw JSON serializer writes the web defaults (camelCase); escaping makes this an upper bound.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web).Length;
        if (bytes > limit)
        {
            throw new SpecException([new SpecError("spec", $"the study's SubmitStudy message would be {bytes} bytes, over the {limit}-byte message limit; shorten the spec (long strings in fixed:, aliases)")]);
        }
    }
}
