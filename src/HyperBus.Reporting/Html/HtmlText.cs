using System.Net;

namespace HyperBus.Reporting.Html;

/// <summary>Escaping for text put into HTML.</summary>
public static class HtmlText
{
    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
}
