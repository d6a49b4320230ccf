using HyperBus.Core.Specs;

namespace HyperBus.Cli.Running;

/// <summary>Reads a spec file, turning I/O problems into user errors that name the file.</summary>
public static class SpecFile
{
    private const long MaxBytes = 1 << 20;

    public static string Read(FileInfo file)
    {
        try
        {
            if (!file.Exists)
            {
                throw new SpecException([new SpecError("spec", $"file '{file.FullName}' does not exist")]);
            }

            if (file.Length > MaxBytes)
            {
                throw new SpecException([new SpecError("spec", $"file '{file.Name}' is larger than 1 MiB; a spec is a short text")]);
            }

            return File.ReadAllText(file.FullName);
        }
        catch (IOException e)
        {
            throw new SpecException([new SpecError("spec", $"cannot read '{file.FullName}': {e.Message}")]);
        }
        catch (UnauthorizedAccessException)
        {
            throw new SpecException([new SpecError("spec", $"no permission to read '{file.FullName}'")]);
        }
    }
}
