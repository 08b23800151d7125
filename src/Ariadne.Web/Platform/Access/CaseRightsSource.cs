namespace Ariadne.Web.Platform.Access;

/// <summary>How a viewer reaches a case: through grants (the relations they hold), an emergency opening, or the duty desk's dispatch.</summary>
public enum CaseRightsSource
{
    Grants,
    BreakGlass,
    Dispatch,
}
