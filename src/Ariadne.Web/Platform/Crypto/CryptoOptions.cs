namespace Ariadne.Web.Platform.Crypto;

/// <summary>Where the key ring lives. Bound from the <c>Crypto</c> section.</summary>
public sealed class CryptoOptions
{
    public string KeyRingFile { get; set; } = "data/keys/ariadne-keys.json";
    /// <summary>Create a key ring on start when none exists (the demo and tests; production uses <c>keys init</c>).</summary>
    public bool CreateIfMissing { get; set; }
}
