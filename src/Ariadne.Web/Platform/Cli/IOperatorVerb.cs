namespace Ariadne.Web.Platform.Cli;

/// <summary>
/// An operator's command-line verb contributed by a module (e.g. <c>person erase CASE-NUMBER</c>). It
/// returns an exit code and one line for standard output, and prints no personal data.
/// </summary>
public interface IOperatorVerb
{
    /// <summary>The first two words of the command line, e.g. ("person", "erase").</summary>
    (string Noun, string Verb) Name { get; }

    /// <summary>How to call it, for the usage line.</summary>
    string Usage { get; }

    /// <summary>Runs with the arguments after the noun (the verb first); null when they do not fit, to print the usage.</summary>
    Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args);
}
