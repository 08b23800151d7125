namespace Ariadne.Web;

/// <summary>Marker type for the shared UI strings in Resources/SharedResource.{az,ru,en}.resx.</summary>
public sealed class SharedResource;
