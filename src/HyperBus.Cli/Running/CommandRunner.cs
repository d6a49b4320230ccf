using HyperBus.Core.Specs;
using HyperBus.Orchestration.Submission;

namespace HyperBus.Cli.Running;

/// <summary>Runs a command body and maps failures to exit codes: 2 for bad input, 1 for anything else; never a stack trace.</summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;

    public static async Task<int> RunAsync(System.CommandLine.ParseResult result, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (SpecException e)
        {
            Console.Error.WriteLine("error: invalid input");
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine($"  {error}");
            }

            return InvalidInput;
        }
        catch (Exception e) when (e is BrokerUnreachableException or BrokerRefusedException)
        {
            // The message names the URL (password masked) and the cause; a trace would add nothing but noise.
            Console.Error.WriteLine($"error: {e.Message}");
            return InvalidInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("HYPERBUS_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return Failure;
        }
    }
}
