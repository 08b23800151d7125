using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The case's task list (GOV.UK's task list on the overview): each module that owns a step of the work on a case
/// (screening, the decision, consent, risk, onward referral) registers a source in its <c>AddServices</c>
/// (<c>services.AddScoped&lt;ICaseTaskSource, X&gt;()</c>). A source is called inside the case page's own audited read,
/// with the rights the one predicate gave; it returns nothing the rights do not open, and showing a task grants
/// nothing (the linked page authorizes on its own).
/// </summary>
public interface ICaseTaskSource
{
    Task<IReadOnlyList<CaseTask>> TasksAsync(Viewer viewer, Guid caseId, CaseRights rights, CancellationToken ct);
}
