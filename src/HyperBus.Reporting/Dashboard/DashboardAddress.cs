using HyperBus.Core.Specs;

namespace HyperBus.Reporting.Dashboard;

/// <summary>Where the dashboard listens: an http URL with a host and port, 127.0.0.1:8050 unless told otherwise.</summary>
public static class DashboardAddress
{
    public const string Default = "http://127.0.0.1:8050";

    /// <summary>The URL to listen on; a bad one is a user error naming <paramref name="field"/>.</summary>
    public static Uri Parse(string? text, string field = "--dashboard")
    {
        var value = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new SpecException([new SpecError(field, $"must be an http:// URL such as {Default}, not '{value}'")]);
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
        {
            throw new SpecException([new SpecError(field, $"must be just scheme, host and port (the dashboard serves from /), not '{value}'")]);
        }

        return uri;
    }
}
