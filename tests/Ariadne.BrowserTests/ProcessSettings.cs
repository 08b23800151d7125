using System.Runtime.CompilerServices;

namespace Ariadne.BrowserTests;

/// <summary>
/// Settings of the test process, made before any host starts. Every in-process host would otherwise
/// watch its settings files and its web root with one inotify instance per watcher, and the hundreds
/// of hosts a run starts (and the processes it starts, which inherit the environment) exhaust the
/// machine's limit of 128 instances. Settings files are not reloaded, and the web root's file
/// versions are checked by polling instead.
/// </summary>
internal static class ProcessSettings
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
    }
}
