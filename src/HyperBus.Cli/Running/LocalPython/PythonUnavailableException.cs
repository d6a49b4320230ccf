namespace HyperBus.Cli.Running.LocalPython;

/// <summary>No Python interpreter here has the modules a Python trainer kind needs; the message says which and how to install them.</summary>
public sealed class PythonUnavailableException(string message) : Exception(message);
