namespace Ariadne.Web.Platform.Cli;

/// <summary>
/// Where a verb writes its lines beyond the one it returns (an import's odd values, line by line): standard error, or the
/// writer the command line was given (<see cref="Invocation.RunAsync"/>), so a host that runs a verb in its own process
/// catches them with the rest. One per host.
/// </summary>
public sealed class OperatorConsole
{
    public TextWriter Error { get; private set; } = Console.Error;

    public void Use(TextWriter error) => Error = error;
}
