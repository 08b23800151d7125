namespace Ariadne.Web.Features.Statistics;

/// <summary>Where a release stands: drafted (protected tables computed), approved by a second person, published; or discarded.</summary>
public enum ReleaseStatus
{
    Draft = 1,
    Approved = 2,
    Published = 3,
    Discarded = 4,
}
