namespace Ariadne.Web.Platform.Audit;

/// <summary>This node's audit signing key was retired by <c>keys rotate-signing</c>: it signs nothing until restarted with the new key ring.</summary>
public sealed class SigningKeyRetiredException() : InvalidOperationException("This node's audit signing key was retired (keys rotate-signing); restart it with the new key ring.");
