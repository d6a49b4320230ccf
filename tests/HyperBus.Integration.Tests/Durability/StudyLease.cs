using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>A row of the store's <c>study_leases</c> table: which host owns a study, and until when.</summary>
public sealed partial record StudyLease(Guid StudyId, string Owner, DateTimeOffset ExpiresAt)
{
    /// <summary>The process id in the owner name (<c>host-&lt;pid&gt;-&lt;8 hex&gt;</c>), so a test can kill the owner it started.</summary>
    public int OwnerProcessId
    {
        get
        {
            var match = OwnerPattern().Match(Owner);
            return match.Success
                ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new FormatException($"lease owner '{Owner}' is not of the form host-<pid>-<8 hex>");
        }
    }

    [GeneratedRegex("^host-([0-9]+)-[0-9a-f]{8}$")]
    private static partial Regex OwnerPattern();
}
