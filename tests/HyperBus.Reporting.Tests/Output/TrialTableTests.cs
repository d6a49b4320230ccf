using System.Text;
using System.Text.RegularExpressions;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Html;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Output;

/// <summary>The trial table names the sampler that chose each trial when the auto sampler recorded it, and has no such column otherwise.</summary>
public sealed class TrialTableTests
{
    [Fact]
    public void Trials_chosen_by_auto_show_the_delegate_in_a_sampler_column()
    {
        var study = new StudyBuilder()
            .Add(0.5, new { x = 0.1 }, attributes: new Dictionary<string, string> { [TrialAttributeKeys.Sampler] = "gp" })
            .Add(0.4, new { x = 0.2 }, attributes: new Dictionary<string, string> { [TrialAttributeKeys.Sampler] = "cmaes" })
            .Build();

        var html = new StringBuilder();
        TrialTable.Write(html, study);

        var text = html.ToString();
        Assert.Contains("<th>sampler</th>", text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(text, "<td>(gp|cmaes)</td>"));
    }

    [Fact]
    public void Without_a_recorded_sampler_there_is_no_sampler_column()
    {
        var html = new StringBuilder();
        TrialTable.Write(html, new StudyBuilder().Add(0.5, new { x = 0.1 }).Build());
        Assert.DoesNotContain("<th>sampler</th>", html.ToString(), StringComparison.Ordinal);
    }
}
