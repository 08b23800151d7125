namespace Ariadne.Web.Platform.Modules;

/// <summary>Where a navigation link shows: with the work, or in the signed-in person's account menu.</summary>
public enum NavigationArea
{
    Main,
    Account,
}
