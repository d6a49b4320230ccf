namespace HyperBus.Telemetry;

/// <summary>HttpListener prefixes from the URLs users give (<c>http://0.0.0.0:9464/metrics</c> means every interface).</summary>
public static class ListenerPrefix
{
    public static string For(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"'{url}' must be an http:// URL", nameof(url));
        }

        return $"http://{HostOf(url)}:{url.Port}/";
    }

    public static string HostOf(Uri url) => url.Host is "0.0.0.0" or "[::]" or "::" ? "*" : url.Host;
}
