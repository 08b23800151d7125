namespace Ariadne.Web.Features.Cases;

/// <summary>
/// One line of the case's task list: what to do (<see cref="TitleKey"/>), where (<see cref="Page"/>, with the case id),
/// and how it stands; <see cref="StatusKey"/> words a finished task's result ("Presumed victim").
/// </summary>
public sealed record CaseTask(int Order, string TitleKey, string Page, CaseTaskState State, string? StatusKey = null, string? Fragment = null);
