namespace Ariadne.Web.Platform.Modules;

/// <summary>How pressing a home item is: rendered as <c>app-urgency--overdue/--soon/--ok</c> with words (<c>HomeUrgency_*</c>).</summary>
public enum HomeUrgency
{
    Overdue = 1,
    Soon = 2,
    Ok = 3,
}
