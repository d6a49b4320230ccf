using System.Net;
using System.Net.Sockets;

namespace HyperBus.Integration.Tests.Support;

/// <summary>A TCP port nothing listens on right now (the OS picks it), for servers a test starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
