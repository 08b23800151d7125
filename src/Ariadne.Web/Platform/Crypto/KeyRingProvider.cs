using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>Loads the key ring once; creates it only where allowed (demo, tests, <c>keys init</c>).</summary>
public static class KeyRingProvider
{
    public static KeyRing Resolve(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CryptoOptions>>().Value;
        var demo = services.GetRequiredService<Security.DemoMode>().Enabled;
        var ring = KeyRing.Load(options.KeyRingFile, fileOnly: demo);
        if (ring is not null)
            return ring;
        if (!options.CreateIfMissing && !demo)
            throw new InvalidOperationException(
                $"No key ring: set {KeyRing.EnvironmentVariable} or create {options.KeyRingFile} with the 'keys init' verb.");
        return Init(options.KeyRingFile, services.GetRequiredService<TimeProvider>());
    }

    /// <summary>Creates a new key ring file; refuses to overwrite one.</summary>
    public static KeyRing Init(string file, TimeProvider time)
    {
        if (File.Exists(file))
            throw new InvalidOperationException($"{file} exists already; a key ring is never overwritten.");
        var ring = KeyRing.Create(time, file);
        ring.Save(file);
        return ring;
    }
}
