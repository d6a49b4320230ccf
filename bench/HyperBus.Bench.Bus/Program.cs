using System.Diagnostics;
using System.Globalization;
using HyperBus.Bench.Bus;
using HyperBus.Orchestration.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The raw MassTransit round trip on a RabbitMQ broker: send Ping to a queue, a consumer publishes Pong,
// a second endpoint counts it, with `window` pings in flight. It is the ceiling a trial (send
// TrialRequested, publish TrialCompleted) can reach on the same broker with the same serializer.
// With a delay in seconds the consumer waits that long before it answers, as a no-op trial of that length does:
// the floor of bench/overhead.sh, the same broker and serializer with nothing of HyperBus in between.
// The role splits the two sides into processes, as a host and its worker processes are: `producer` sends and
// counts, each `consumer` answers (prefetch `window`) until it is stopped; `all` (the default) is both in one.
// Usage: HyperBus.Bench.Bus <amqp-url> <round-trips> <window> [delay-seconds] [all|producer|consumer]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: HyperBus.Bench.Bus <amqp-url> <round-trips> <window> [delay-seconds] [all|producer|consumer]");
    return 2;
}

var uri = new Uri(args[0]);
var count = int.Parse(args[1], CultureInfo.InvariantCulture);
var window = int.Parse(args[2], CultureInfo.InvariantCulture);
var delay = TimeSpan.FromSeconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0);
var role = args.Length > 4 ? args[4] : "all";
if (role is not ("all" or "producer" or "consumer"))
{
    Console.Error.WriteLine($"role: '{role}' is not one of all, producer, consumer");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Services.AddSingleton(new PingDelay(delay));
builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
builder.Services.AddMassTransit(x =>
{
    x.AddConsumer<PingConsumer>();
    x.AddConsumer<PongCounter>();
    x.UsingRabbitMq((context, cfg) =>
    {
        RabbitMqConnection.Configure(cfg, uri);
        cfg.UseRawJsonSerializer(RawSerializerOptions.Default, isDefault: true);
        if (role != "producer")
        {
            cfg.ReceiveEndpoint("bench-ping", e =>
            {
                e.PrefetchCount = window;
                e.ConfigureConsumer<PingConsumer>(context);
            });
        }

        if (role != "consumer")
        {
            cfg.ReceiveEndpoint("bench-pong", e =>
            {
                e.PrefetchCount = window;
                e.ConfigureConsumer<PongCounter>(context);
            });
        }
    });
});
using var host = builder.Build();
if (role == "consumer")
{
    // Serves until SIGTERM or Ctrl-C; the line tells the bench it may start the producer.
    await host.StartAsync();
    Console.WriteLine("bench consumer: serving");
    await host.WaitForShutdownAsync();
    return 0;
}

await host.StartAsync();
var bus = host.Services.GetRequiredService<IBus>();
var endpoint = await bus.GetSendEndpoint(new Uri("queue:bench-ping"));
// A first pass warms the JIT and the broker's queues, as the warm study of bus-throughput.sh is warm
// (and as overhead.sh warms its hosts with a 50-trial study first).
await RoundTripsAsync(delay > TimeSpan.Zero ? Math.Max(50, window) : Math.Max(count / 4, window));
var clock = Stopwatch.StartNew();
await RoundTripsAsync(count);
clock.Stop();
Console.WriteLine(FormattableString.Invariant($"{{\"roundTrips\":{count},\"window\":{window},\"seconds\":{clock.Elapsed.TotalSeconds:0.000},\"perSecond\":{count / clock.Elapsed.TotalSeconds:0}}}"));
await host.StopAsync();
return 0;

async Task RoundTripsAsync(int n)
{
    var run = Guid.NewGuid();
    PongCounter.Reset();
    PongCounter.Window.Release(window);
    var sends = new List<Task>();
    for (var i = 0; i < n; i++)
    {
        await PongCounter.Window.WaitAsync();
        sends.Add(endpoint.Send(new Ping(run, i)));
    }

    await Task.WhenAll(sends);
    while (PongCounter.Received < n)
    {
        await Task.Delay(1);
    }

    // The window's permits are all back once every pong arrived; take them so the next pass starts from none.
    for (var i = 0; i < window; i++)
    {
        await PongCounter.Window.WaitAsync();
    }
}
