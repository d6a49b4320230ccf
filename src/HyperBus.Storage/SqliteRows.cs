using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>Reads the store's rows into Core records; each SELECT constant names the columns its reader expects.</summary>
internal static class SqliteRows
{
    public const string StudyColumns = "id, name, spec_json, direction, status, created_at, finished_at";

    public const string TrialColumns = "id, number, state, attempt, params_json, value, budget, started_at, finished_at, checkpoint, artifact, values_json, constraints_json, duration";

    public const string AttemptColumns = "trial_id, attempt, worker_id, started_at, finished_at, state, value, error";

    public static StudyRecord Study(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetString(1),
        r.GetString(2),
        r.GetEnum<StudyDirection>(3),
        r.GetEnum<StudyStatus>(4),
        r.GetTime(5),
        r.GetTimeOrNull(6));

    public static Trial Trial(SqliteDataReader r, IReadOnlyList<TrialReport> reports, IReadOnlyDictionary<string, string> attributes) => new()
    {
        Id = r.GetId(0),
        Number = r.GetInt32(1),
        State = r.GetEnum<TrialState>(2),
        Attempt = r.GetInt32(3),
        Params = ParameterJson.Read(r.GetString(4)),
        Value = r.GetDoubleOrNull(5),
        Budget = r.GetDoubleOrNull(6),
        StartedAt = r.GetTimeOrNull(7),
        FinishedAt = r.GetTimeOrNull(8),
        Checkpoint = r.GetStringOrNull(9),
        Artifact = r.GetStringOrNull(10),
        Values = SqliteValues.ReadDoubles(r.GetStringOrNull(11)),
        Constraints = SqliteValues.ReadDoubles(r.GetStringOrNull(12)),
        DurationSeconds = r.GetDoubleOrNull(13),
        Reports = reports,
        Attributes = attributes,
    };

    public static TrialAttempt Attempt(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetInt32(1),
        r.GetStringOrNull(2),
        r.GetTimeOrNull(3),
        r.GetTimeOrNull(4),
        r.GetString(5),
        r.GetDoubleOrNull(6),
        r.GetStringOrNull(7));

    /// <summary>A report's value; NaN is stored as NULL (SQLite has no NaN) and read back as NaN.</summary>
    public static TrialReport Report(SqliteDataReader r, int step, int value) =>
        new(r.GetInt64(step), r.IsDBNull(value) ? double.NaN : r.GetDouble(value));
}
