using HyperBus.Core.Trials;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>Loads a study's trials with the reports of each trial's current attempt and its attributes.</summary>
internal static class SqliteTrialLoader
{
    public static IReadOnlyList<Trial> Load(SqliteConnection connection, SqliteTransaction transaction, string studyId)
    {
        var reports = new Dictionary<Guid, List<TrialReport>>();
        using (var reader = Sql.Command(connection, transaction, """
            SELECT r.trial_id, r.step, r.value FROM reports r
            JOIN trials t ON t.id = r.trial_id AND t.attempt = r.attempt
            WHERE t.study_id = @study ORDER BY r.trial_id, r.step;
            """, ("@study", studyId)).ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetId(0);
                if (!reports.TryGetValue(id, out var list))
                {
                    reports[id] = list = [];
                }

                list.Add(SqliteRows.Report(reader, step: 1, value: 2));
            }
        }

        var attributes = new Dictionary<Guid, Dictionary<string, string>>();
        using (var reader = Sql.Command(connection, transaction, """
            SELECT a.trial_id, a.key, a.value FROM trial_attributes a
            JOIN trials t ON t.id = a.trial_id
            WHERE t.study_id = @study;
            """, ("@study", studyId)).ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetId(0);
                if (!attributes.TryGetValue(id, out var map))
                {
                    attributes[id] = map = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                map[reader.GetString(1)] = reader.GetString(2);
            }
        }

        var trials = new List<Trial>();
        using (var reader = Sql.Command(connection, transaction, $"SELECT {SqliteRows.TrialColumns} FROM trials WHERE study_id = @study ORDER BY number;",
            ("@study", studyId)).ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetId(0);
                trials.Add(SqliteRows.Trial(
                    reader,
                    reports.TryGetValue(id, out var r) ? r : [],
                    attributes.TryGetValue(id, out var a) ? a : new Dictionary<string, string>(StringComparer.Ordinal)));
            }
        }

        return trials;
    }
}
