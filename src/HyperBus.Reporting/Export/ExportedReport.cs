namespace HyperBus.Reporting.Export;

/// <summary>An intermediate report in an export; a NaN value is written as null (JSON has no NaN).</summary>
public sealed record ExportedReport(long Step, double? Value);
