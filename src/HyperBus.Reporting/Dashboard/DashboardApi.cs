using System.Text.Json;
using System.Text.Json.Serialization;
using HyperBus.Core.Storage;
using HyperBus.Reporting.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HyperBus.Reporting.Dashboard;

/// <summary>The read-only JSON API (GET only) the dashboard page polls; it reads the store on every request, so it is live.</summary>
public static class DashboardApi
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Map(IEndpointRouteBuilder app, IStudyStore store)
    {
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/studies", async (CancellationToken ct) =>
        {
            var overviews = new List<StudyOverview>();
            foreach (var record in await store.ListStudiesAsync(ct))
            {
                overviews.Add(await OverviewAsync(store, record, ct));
            }

            return Results.Json(overviews, JsonOptions);
        });
        app.MapGet("/api/studies/{id}", async (string id, CancellationToken ct) =>
            await store.FindStudyAsync(id, ct) is { } record
                ? Results.Json(await OverviewAsync(store, record, ct), JsonOptions)
                : NotFound(id));
        app.MapGet("/api/studies/{id}/trials", async (string id, CancellationToken ct) =>
        {
            if (await store.FindStudyAsync(id, ct) is not { } record)
            {
                return NotFound(id);
            }

            var trials = await store.LoadTrialsAsync(record.Id, ct);
            return Results.Json(trials.Select(t => ExportedTrial.From(t)).ToList(), JsonOptions);
        });
    }

    private static async Task<StudyOverview> OverviewAsync(IStudyStore store, StudyRecord record, CancellationToken ct) =>
        StudyOverview.From(await StudySnapshot.LoadAsync(store, record, ct)) with
        {
            // The reason lives with the saga's state, which only the host's store kind keeps.
            PauseReason = record.Status == StudyStatus.Paused && store is IOrchestrationStore sagas ? (await sagas.LoadSagaAsync(record.Id, ct))?.PauseReason : null,
        };

    private static IResult NotFound(string id) => Results.Json(new { error = $"no study with id or name '{id}'" }, JsonOptions, statusCode: StatusCodes.Status404NotFound);
}
