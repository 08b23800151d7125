namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// Where a navigation link shows: with the work, in the signed-in person's account menu, or on the Coordination
/// page that gathers the participants' shared work (the plan, meetings, resources, training, problems found,
/// awareness, information requests), which the main navigation opens with one link.
/// </summary>
public enum NavigationArea
{
    Main,
    Account,
    Coordination,
}
