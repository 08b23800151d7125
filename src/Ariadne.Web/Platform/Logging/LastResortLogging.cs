namespace Ariadne.Web.Platform.Logging;

/// <summary>
/// The last-resort handlers (ASVS 16.5.4): an exception that nothing caught, on any thread, or a failed task nobody awaited, is
/// logged as Critical before the process ends (or goes on), by its type only: an exception's message may carry what a
/// person typed. Registered once by the process (<c>Program</c>), not by each host the tests start.
/// </summary>
public static class LastResortLogging
{
    public static void Register(ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Ariadne.LastResort");
        AppDomain.CurrentDomain.UnhandledException += (_, e) => OnUnhandled(logger, e.ExceptionObject);
        TaskScheduler.UnobservedTaskException += (_, e) => OnUnobserved(logger, e);
    }

    public static void OnUnhandled(ILogger logger, object exception) => logger.UnhandledException(exception.GetType().FullName ?? "?");

    /// <summary>Logged and marked observed: a forgotten task's failure does not end the process.</summary>
    public static void OnUnobserved(ILogger logger, UnobservedTaskExceptionEventArgs e)
    {
        var inner = e.Exception.InnerExceptions.Count == 1 ? e.Exception.InnerExceptions[0] : e.Exception;
        logger.UnobservedTaskException(inner.GetType().FullName ?? "?");
        e.SetObserved();
    }
}
