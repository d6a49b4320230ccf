namespace HyperBus.Verification;

/// <summary>Where the host finds the datasets it scores holdouts on.</summary>
public sealed class VerificationOptions
{
    /// <summary>One CSV per dataset (<c>fixed.dataset</c> names the file without .csv); defaults to the Datasets folder beside the program.</summary>
    public string DatasetDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Datasets");
}
