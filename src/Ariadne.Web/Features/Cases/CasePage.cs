namespace Ariadne.Web.Features.Cases;

/// <summary>A page of the API's case list, newest activity first; <c>next</c> is the <c>before</c> of the following page, null on the last.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, long? Next);
