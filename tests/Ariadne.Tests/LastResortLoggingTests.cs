using Ariadne.Web.Platform.Logging;
using Microsoft.Extensions.Logging;

namespace Ariadne.Tests;

/// <summary>ASVS 16.5.4: what nothing caught is logged as Critical by its type, never by its message (which may hold personal data).</summary>
public sealed class LastResortLoggingTests
{
    private sealed class Recorder : ILogger
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception) + (exception is null ? "" : exception.ToString())));
    }

    [Fact]
    public void An_unhandled_exception_is_logged_critical_by_its_type_only()
    {
        var recorder = new Recorder();
        LastResortLogging.OnUnhandled(recorder, new InvalidOperationException("Zülfiyyə Məmmədova, born 1994"));
        var (level, text) = Assert.Single(recorder.Lines);
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains("System.InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zülfiyyə", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_task_nobody_awaited_is_logged_and_observed()
    {
        var recorder = new Recorder();
        var e = new UnobservedTaskExceptionEventArgs(new AggregateException(new FormatException("passport AZ1234567")));
        LastResortLogging.OnUnobserved(recorder, e);
        var (level, text) = Assert.Single(recorder.Lines);
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains("System.FormatException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AZ1234567", text, StringComparison.Ordinal);
        Assert.True(e.Observed);
    }
}
