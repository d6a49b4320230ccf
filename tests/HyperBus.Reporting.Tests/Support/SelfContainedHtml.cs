using System.Text.RegularExpressions;

namespace HyperBus.Reporting.Tests.Support;

/// <summary>Asserts a page fetches nothing when opened: no http(s) or protocol-relative src/href, no external script, style sheet or font.</summary>
public static partial class SelfContainedHtml
{
    public static void Assert(string html)
    {
        Xunit.Assert.Empty(ExternalReference().Matches(html));
        Xunit.Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Xunit.Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Xunit.Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Xunit.Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
