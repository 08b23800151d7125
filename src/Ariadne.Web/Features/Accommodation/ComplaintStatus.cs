namespace Ariadne.Web.Features.Accommodation;

/// <summary>Where a resident's complaint stands with the oversight body.</summary>
public enum ComplaintStatus
{
    Received = 1,
    UnderReview = 2,
    Closed = 3,
}
