namespace Ariadne.Web.Features.Referrals;

/// <summary>The desk's table body: its rows and the time the page was made (for "overdue").</summary>
public sealed record DeskRowsModel(IReadOnlyList<ReferralDesk.Row> Rows, DateTimeOffset Now);
