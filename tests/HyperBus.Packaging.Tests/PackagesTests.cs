using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace HyperBus.Packaging.Tests;

/// <summary>
/// <c>dotnet pack</c> into a local feed, then what users do with it: the library packages carry README, licence
/// and symbols; <c>dotnet tool install --global</c> in a fresh HOME gives a <c>hyperbus</c> that runs a study.
/// Packs what <c>dotnet build -c Release</c> built (tests/run-all.sh builds first).
/// </summary>
public sealed class PackagesTests : IDisposable
{
    private static readonly string[] Libraries =
        ["HyperBus", "HyperBus.Contracts", "HyperBus.Trainer.Sdk", "HyperBus.Core", "HyperBus.Samplers", "HyperBus.Schedulers", "HyperBus.Storage", "HyperBus.Orchestration"];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-pack-");

    private static string Root { get; } = FindRoot();

    [Fact]
    public async Task Pack_makes_the_library_sdk_contracts_and_tool_and_the_tool_installs_from_the_feed_and_tunes_a_study()
    {
        var feed = Path.Combine(_dir.FullName, "feed");
        var (packCode, packOutput) = await Command.RunAsync("dotnet", $"pack HyperBus.Packages.slnf -c Release --no-build -nologo -o \"{feed}\"", Root);
        Assert.True(packCode == 0, packOutput);

        foreach (var id in Libraries.Append("HyperBus.Cli"))
        {
            var package = Path.Combine(feed, $"{id}.0.2.0.nupkg");
            Assert.True(File.Exists(package), $"{id} was not packed:\n{string.Join('\n', Directory.GetFiles(feed).Select(Path.GetFileName))}");
            Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{id} has no symbol package");
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("README.md", entries);
            Assert.Contains("LICENSE", entries);
            var nuspec = XDocument.Load(zip.GetEntry($"{id}.nuspec")!.Open());
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            Assert.Equal("MIT", metadata.Elements().Single(e => e.Name.LocalName == "license").Value);
            Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
        }

        using (var library = ZipFile.OpenRead(Path.Combine(feed, "HyperBus.0.2.0.nupkg")))
        {
            Assert.Contains(library.Entries, e => e.FullName == "lib/net10.0/HyperBus.Client.dll");
        }

        using (var tool = ZipFile.OpenRead(Path.Combine(feed, "HyperBus.Cli.0.2.0.nupkg")))
        {
            var settings = XDocument.Load(tool.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
            Assert.Equal("hyperbus", settings.Descendants().Single(e => e.Name.LocalName == "Command").Attribute("Name")!.Value);
        }

        // A fresh HOME: no tools, no NuGet cache, no dotnet settings of the machine's user.
        var home = Directory.CreateDirectory(Path.Combine(_dir.FullName, "home")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
            ["DOTNET_NOLOGO"] = "1",
        };
        var (installCode, installOutput) = await Command.RunAsync("dotnet", $"tool install --global --add-source \"{feed}\" HyperBus.Cli", home, environment);
        Assert.True(installCode == 0, installOutput);
        var hyperbus = Path.Combine(home, ".dotnet", "tools", "hyperbus");
        Assert.True(File.Exists(hyperbus), installOutput);

        File.WriteAllText(Path.Combine(home, "branin.yaml"), """
            study: branin-tool
            trials: 8
            parallelism: 2
            sampler: { type: random, seed: 3 }
            trainer: function
            fixed: { function: branin }
            space:
              x0: { type: float, low: -5, high: 10 }
              x1: { type: float, low: 0, high: 15 }
            """);
        var (tuneCode, tuneOutput) = await Command.RunAsync(hyperbus, "tune branin.yaml --json --storage studies.db", home, environment, TimeSpan.FromMinutes(3));
        Assert.True(tuneCode == 0, tuneOutput);
        var summary = JsonDocument.Parse(tuneOutput.Split('\n').Single(l => l.StartsWith('{'))).RootElement;
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Equal(8, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.True(File.Exists(Path.Combine(home, "studies.db")));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HyperBus.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("HyperBus.sln not found");
    }
}
