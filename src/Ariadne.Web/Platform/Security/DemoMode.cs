namespace Ariadne.Web.Platform.Security;

/// <summary>Whether the process runs as the demo (<c>--demo</c>).</summary>
public sealed record DemoMode(bool Enabled);
