namespace Ariadne.Web.Platform.Demo;

/// <summary>
/// A module's part of the demo world, seeded with --demo after the institutions and users, in the order
/// the modules are listed (a module's demo data may rely on the modules before it). Uses the module's real
/// services, so demo data is encrypted, granted and audited like any other.
/// </summary>
public interface IDemoData
{
    Task SeedAsync(CancellationToken cancellationToken);
}
